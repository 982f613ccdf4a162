package io.ppnode.relay;

import java.util.function.BooleanSupplier;

/** Waits on a condition with a deadline, instead of sleeping for a guessed time. */
final class Conditions {
  private Conditions() {}

  static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    waitFor(what, condition, 10_000);
  }

  static void waitFor(String what, BooleanSupplier condition, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    Object lock = new Object();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      // A short timed wait on a private monitor: a poll interval, not a guess at how long it takes.
      synchronized (lock) {
        lock.wait(10);
      }
    }
  }
}
