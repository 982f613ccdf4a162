package io.ppnode.node;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a deadline, the one way tests here synchronise with background
 * work: a poll on a private monitor, never a guess at how long the work takes.
 */
public final class Await {
  private Await() {}

  /** Polls {@code condition} until it holds, failing with {@code what} after 15 seconds. */
  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    until(what, Duration.ofSeconds(15), condition);
  }

  /** Polls {@code condition} until it holds, failing with {@code what} after {@code timeout}. */
  public static void until(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Object lock = new Object();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      synchronized (lock) {
        lock.wait(10);
      }
    }
  }
}
