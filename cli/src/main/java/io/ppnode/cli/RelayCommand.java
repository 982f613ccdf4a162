package io.ppnode.cli;

import io.ppnode.node.api.PpnodeException;
import io.ppnode.relay.RelayServer;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ppnode relay}: runs a relay server in the foreground until it is stopped (Ctrl-C, SIGTERM). */
@Command(
    name = "relay",
    mixinStandardHelpOptions = true,
    description = "Run a relay for peers with no direct route; logs 'relay listening on'.")
final class RelayCommand extends BaseCommand {
  @Option(
      names = "--listen",
      required = true,
      paramLabel = "HOST:PORT",
      converter = HostPortConverter.class,
      description = "where nodes and members connect")
  private String listen;

  @Option(
      names = "--status-listen",
      paramLabel = "HOST:PORT",
      converter = HostPortConverter.class,
      description = "where to answer HTTP GET with the relay's status as JSON")
  private String statusListen;

  @Override
  protected void execute() throws Exception {
    try {
      RelayServer.runUntilStopped(listen, Optional.ofNullable(statusListen));
    } catch (IllegalArgumentException e) {
      throw PpnodeException.usage(e.getMessage());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // Netty rethrows bind failures (address in use, not local) as they are; the user can fix them.
      throw PpnodeException.error("cannot start the relay: " + e.getMessage());
    }
  }
}
