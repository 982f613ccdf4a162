package io.ppnode.cli;

import io.ppnode.node.NodeServer;
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

  @Override
  protected void execute() {
    NodeServer.runUntilStopped(home(), Optional.ofNullable(listen));
  }
}
