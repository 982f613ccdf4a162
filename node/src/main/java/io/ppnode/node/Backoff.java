package io.ppnode.node;

import java.time.Duration;

/**
 * Exponential backoff with a deadline, for reconnecting to a peer: each {@link #sleep} waits
 * twice as long as the one before, up to a cap, and refuses once the deadline has passed.
 */
final class Backoff {
  private final long firstNanos;
  private final long maxNanos;
  private final long windowNanos;
  private long nextNanos;
  private long deadline;

  Backoff(Duration first, Duration max, Duration window) {
    this.firstNanos = first.toNanos();
    this.maxNanos = max.toNanos();
    this.windowNanos = window.toNanos();
    restartDeadline();
  }

  /** A new loss after progress: the deadline counts from now, and the delays start small again. */
  void restartDeadline() {
    nextNanos = firstNanos;
    deadline = System.nanoTime() + windowNanos;
  }

  /** Waits the next delay and returns true, or returns false at once if the deadline would pass. */
  boolean sleep() {
    long now = System.nanoTime();
    if (now + nextNanos > deadline) {
      return false;
    }
    try {
      // A real pause between connection attempts, not synchronisation: nothing signals the
      // moment an owner comes back.
      Thread.sleep(nextNanos / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    nextNanos = Math.min(maxNanos, nextNanos * 2);
    return true;
  }
}
