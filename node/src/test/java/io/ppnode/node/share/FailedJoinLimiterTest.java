package io.ppnode.node.share;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.ManualClock;
import java.net.InetAddress;
import java.time.Instant;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token bucket on its own, with a clock the test moves. */
class FailedJoinLimiterTest {
  @Test
  void fiveFailuresPerAddressThenOneMorePerTwelveSeconds() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    FailedJoinLimiter limiter = new FailedJoinLimiter(clock);
    InetAddress a = InetAddress.getByName("127.0.0.1");
    InetAddress b = InetAddress.getByName("127.0.0.2");
    for (int i = 0; i < FailedJoinLimiter.BURST; i++) {
      assertTrue(limiter.allowed(a), "try " + i);
      limiter.failed(a);
    }
    assertFalse(limiter.allowed(a));
    assertTrue(limiter.allowed(b), "other addresses are not affected");
    clock.now = clock.now.plus(Duration.ofSeconds(11));
    assertFalse(limiter.allowed(a));
    clock.now = clock.now.plus(Duration.ofSeconds(1));
    assertTrue(limiter.allowed(a));
    limiter.failed(a);
    assertFalse(limiter.allowed(a));
    clock.now = clock.now.plus(Duration.ofMinutes(5));
    assertTrue(limiter.allowed(a));
    assertTrue(limiter.allowed(null), "an unknown address is never limited");
  }
}
