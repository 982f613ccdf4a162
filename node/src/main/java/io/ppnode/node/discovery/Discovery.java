package io.ppnode.node.discovery;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Finding peers on the local network by node id. A serving node announces itself; a member
 * looks its owner up before it falls back to the addresses it remembers. Implementations touch
 * only the interfaces they were made for, so a node that listens on loopback sends nothing out.
 */
public interface Discovery extends AutoCloseable {

  /** Announces this node, reachable on {@code port} at the interfaces' own addresses. */
  void announce(String nodeId, int port);

  /**
   * Addresses where {@code nodeId} answers, completed as soon as it answers, or empty once
   * {@code wait} has passed without an answer. Never completes exceptionally.
   */
  CompletableFuture<List<InetSocketAddress>> lookup(String nodeId, Duration wait);

  @Override
  void close();

  /** Discovery turned off, or nothing to announce on: does nothing and finds nothing. */
  Discovery NONE = new Discovery() {
    @Override
    public void announce(String nodeId, int port) {}

    @Override
    public CompletableFuture<List<InetSocketAddress>> lookup(String nodeId, Duration wait) {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public void close() {}
  };
}
