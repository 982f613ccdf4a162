package io.ppnode.relay;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the relay's connections share: limits, counters, registered nodes and the sessions
 * waiting for their target to join. One per {@link RelayServer}.
 */
final class RelayState {
  final RelayLimits limits;
  final RelayStats stats = new RelayStats();
  final RelayTap tap;
  final Registry registry;
  final AddressCounter handshakes;
  final AddressCounter sessions;
  final AtomicInteger spliced = new AtomicInteger();
  final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, Waiting> waiting = new ConcurrentHashMap<>();

  /** A member's connection waiting for the invited node to JOIN with {@code token}. */
  record Waiting(long session, Channel member, InetAddress from, ScheduledFuture<?> timeout) {}

  RelayState(RelayLimits limits, RelayTap tap) {
    this.limits = limits;
    this.tap = tap;
    this.registry = new Registry(limits.maxRegistered());
    this.handshakes = new AddressCounter(limits.maxHandshakes(), limits.maxHandshakesPerAddress());
    this.sessions = new AddressCounter(limits.maxSessions(), limits.maxSessionsPerAddress());
  }

  byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  void await(byte[] token, Waiting w) {
    waiting.put(HexFormat.of().formatHex(token), w);
  }

  /** Takes the waiting session of {@code token}; null if there is none (unknown, used or timed out). */
  Waiting claim(byte[] token) {
    Waiting w = waiting.remove(HexFormat.of().formatHex(token));
    if (w != null) {
      w.timeout().cancel(false);
    }
    return w;
  }

  /** Drops a waiting session if it is still waiting; true if this call dropped it. */
  boolean abandon(byte[] token, Waiting w) {
    return waiting.remove(HexFormat.of().formatHex(token), w);
  }

  RelayStatus status() {
    return new RelayStatus(spliced.get(), waiting.size(), registry.size(), handshakes.total(),
        stats.sessionsOpened.sum(), stats.bytesRelayed.sum(), stats.refusalsByReason());
  }
}
