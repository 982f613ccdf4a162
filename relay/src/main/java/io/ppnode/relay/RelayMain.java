package io.ppnode.relay;

import java.util.Optional;

/**
 * Starts a relay without the CLI: {@code java -cp ... io.ppnode.relay.RelayMain HOST:PORT
 * [STATUS_HOST:PORT]}. For tests that need the relay in its own process; people use {@code
 * ppnode relay}.
 */
public final class RelayMain {
  private RelayMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: RelayMain HOST:PORT [STATUS_HOST:PORT]");
      System.exit(2);
    }
    RelayServer.runUntilStopped(args[0], args.length == 2 ? Optional.of(args[1]) : Optional.empty());
  }
}
