package io.ppnode.relay;

import io.ppnode.protocol.relay.RefusalReason;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The relay's counters, as the status endpoint reports them: bytes relayed, sessions opened and
 * refusals by reason. Written from every event loop, so adders rather than locks.
 */
final class RelayStats {
  final LongAdder bytesRelayed = new LongAdder();
  final LongAdder sessionsOpened = new LongAdder();
  private final Map<RefusalReason, LongAdder> refusals = new EnumMap<>(RefusalReason.class);
  final AtomicLong nextSessionId = new AtomicLong();

  RelayStats() {
    for (RefusalReason r : RefusalReason.values()) {
      refusals.put(r, new LongAdder());
    }
  }

  void refused(RefusalReason reason) {
    refusals.get(reason).increment();
  }

  long refusals(RefusalReason reason) {
    return refusals.get(reason).sum();
  }

  Map<String, Long> refusalsByReason() {
    Map<String, Long> out = new LinkedHashMap<>();
    refusals.forEach((r, n) -> out.put(r.name().toLowerCase(java.util.Locale.ROOT), n.sum()));
    return out;
  }
}
