package io.ppnode.cli;

import io.ppnode.node.NodeServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ppnode serve}: runs the node in the foreground until it is stopped (Ctrl-C, SIGTERM). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve this node's projects to members until stopped; logs 'listening on'.")
final class ServeCommand extends BaseCommand {
  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      converter = HostPortConverter.class,
      description = "where to listen (default: the address given to init)")
  private String listen;

  @Option(
      names = "--relay",
      paramLabel = "relay://HOST:PORT",
      description = "register with this relay and name it in invites (repeatable; replaces the relays "
          + "remembered in the home, which are used when none is given)")
  private List<String> relays = new ArrayList<>();

  @Option(
      names = "--no-mdns",
      description = "do not announce or look up nodes by mDNS on the LAN (remembered in the home)")
  private boolean noMdns;

  @Option(names = "--mdns", description = "use mDNS again after --no-mdns (remembered in the home)")
  private boolean mdns;

  @Override
  protected void execute() {
    Optional<Boolean> discovery = noMdns ? Optional.of(false) : mdns ? Optional.of(true) : Optional.empty();
    NodeServer.runUntilStopped(home(), Optional.ofNullable(listen), relays, discovery);
  }
}
