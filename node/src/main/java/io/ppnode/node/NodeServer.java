package io.ppnode.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ppnode serve}: a {@link ServingNode} in the foreground until the process is asked to
 * stop. SIGTERM (or Ctrl-C) runs the shutdown hook, which closes the node cleanly: the listener,
 * the control channel and the manifest.
 */
public final class NodeServer {
  private NodeServer() {}

  /** Serves {@code home} until the JVM is asked to stop. Logs "listening on HOST:PORT" once bound. */
  public static void runUntilStopped(Path home, Optional<String> listen, List<String> relays) {
    runUntilStopped(home, listen, relays, Optional.empty());
  }

  /** As above; {@code mdns}, when given, turns LAN discovery on or off for this home for good. */
  public static void runUntilStopped(Path home, Optional<String> listen, List<String> relays,
      Optional<Boolean> mdns) {
    ServingNode node = ServingNode.start(home, listen, relays, mdns);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "ppnode-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
