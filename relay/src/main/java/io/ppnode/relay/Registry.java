package io.ppnode.relay;

import io.netty.channel.Channel;
import io.ppnode.protocol.relay.RefusalReason;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered nodes: node id to the control connection that proved it holds the id's key. The
 * first live registration of an id wins; a second one, even with a valid proof, is refused until
 * the first connection closes, so a stolen-but-stale session cannot push out the live node, and
 * a node that reconnects after a drop gets its id back as soon as the relay notices the drop.
 */
final class Registry {
  private final ConcurrentHashMap<String, Channel> nodes = new ConcurrentHashMap<>();
  private final int max;

  Registry(int max) {
    this.max = max;
  }

  /** Null when {@code control} now holds {@code id}; otherwise why not. */
  RefusalReason register(byte[] id, Channel control) {
    String key = HexFormat.of().formatHex(id);
    if (nodes.size() >= max && !nodes.containsKey(key)) {
      return RefusalReason.TOO_MANY_REGISTERED;
    }
    Channel[] winner = new Channel[1];
    nodes.compute(key, (k, existing) -> {
      winner[0] = existing != null && existing.isActive() ? existing : control;
      return winner[0];
    });
    if (winner[0] != control) {
      return RefusalReason.ALREADY_REGISTERED;
    }
    control.closeFuture().addListener(f -> nodes.remove(key, control));
    return null;
  }

  /** The live control connection of {@code id}, or null. */
  Channel lookup(byte[] id) {
    Channel ch = nodes.get(HexFormat.of().formatHex(id));
    return ch != null && ch.isActive() ? ch : null;
  }

  int size() {
    return nodes.size();
  }
}
