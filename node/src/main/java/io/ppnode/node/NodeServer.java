package io.ppnode.node;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A serving node: listens for peers, answers members, opens the control channel for other
 * commands on the same home, rescans shared projects periodically. Logs "listening on
 * HOST:PORT" once bound.
 */
public final class NodeServer {
  private NodeServer() {}

  /** Serves {@code home} until the JVM is asked to stop (SIGTERM runs the shutdown hook and returns cleanly). */
  public static void runUntilStopped(Path home, Optional<String> listen) {
    throw new UnsupportedOperationException("TODO");
  }
}
