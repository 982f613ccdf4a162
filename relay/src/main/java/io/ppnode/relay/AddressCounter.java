package io.ppnode.relay;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts something held (handshakes, sessions) overall and per source IP, and refuses to count
 * past the limits. Every successful {@link #tryAcquire} must be matched by one {@link #release}.
 */
final class AddressCounter {
  private final int max;
  private final int maxPerAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

  AddressCounter(int max, int maxPerAddress) {
    this.max = max;
    this.maxPerAddress = maxPerAddress;
  }

  enum Verdict { OK, TOO_MANY, TOO_MANY_FROM_ADDRESS }

  Verdict tryAcquire(InetAddress from) {
    if (total.incrementAndGet() > max) {
      total.decrementAndGet();
      return Verdict.TOO_MANY;
    }
    boolean[] ok = {false};
    perAddress.compute(from, (k, n) -> {
      int now = n == null ? 0 : n;
      if (now >= maxPerAddress) {
        return n;
      }
      ok[0] = true;
      return now + 1;
    });
    if (!ok[0]) {
      total.decrementAndGet();
      return Verdict.TOO_MANY_FROM_ADDRESS;
    }
    return Verdict.OK;
  }

  void release(InetAddress from) {
    total.decrementAndGet();
    // Dropping the entry at zero keeps the map as small as the set of addresses holding something.
    perAddress.computeIfPresent(from, (k, n) -> n <= 1 ? null : n - 1);
  }

  int total() {
    return total.get();
  }
}
