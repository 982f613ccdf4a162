package io.ppnode.node.share;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed invite redemptions per remote address with a token bucket: each address may fail
 * {@link #BURST} times, and earns one more try every {@code 60 s / BURST}. While its bucket is
 * empty the owner refuses its join requests without looking at the manifest, so guessing
 * secrets costs the attacker time and costs the owner nothing. Successful joins are free.
 *
 * <p>A 16-byte secret cannot be guessed at any rate; this is here so that a flood of bad joins
 * cannot keep the manifest busy, and so that log noise from scanners stays small.
 */
final class FailedJoinLimiter {
  static final int BURST = 5;
  static final long REFILL_MILLIS = 60_000L / BURST;
  /** Addresses remembered at once; past this, full buckets are forgotten first. */
  static final int MAX_TRACKED = 10_000;

  private final Clock clock;
  private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

  FailedJoinLimiter(Clock clock) {
    this.clock = clock;
  }

  /** True if {@code address} may try to join now. Null (unknown address) is never limited. */
  boolean allowed(InetAddress address) {
    if (address == null) {
      return true;
    }
    Bucket b = buckets.get(address);
    return b == null || b.tokens(clock.millis()) >= 1;
  }

  /** Records one failed redemption from {@code address}. */
  void failed(InetAddress address) {
    if (address == null) {
      return;
    }
    long now = clock.millis();
    if (buckets.size() >= MAX_TRACKED) {
      forgetFull(now);
    }
    buckets.computeIfAbsent(address, a -> new Bucket(now)).take(now);
  }

  private void forgetFull(long now) {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      if (it.next().tokens(now) >= BURST) {
        it.remove();
      }
    }
  }

  /** Tokens as a fraction so refills are exact between whole tokens. */
  private static final class Bucket {
    private double tokens = BURST;
    private long at;

    Bucket(long now) {
      this.at = now;
    }

    synchronized double tokens(long now) {
      refill(now);
      return tokens;
    }

    synchronized void take(long now) {
      refill(now);
      tokens = Math.max(0, tokens - 1);
    }

    private void refill(long now) {
      if (now > at) {
        tokens = Math.min(BURST, tokens + (now - at) / (double) REFILL_MILLIS);
        at = now;
      }
    }
  }
}
