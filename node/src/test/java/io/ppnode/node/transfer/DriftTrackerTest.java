package io.ppnode.node.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When a serving member may skip the stat of every file, and when it must not. */
class DriftTrackerTest {
  private final AtomicLong now = new AtomicLong();
  private final DriftTracker tracker = new DriftTracker(now::get, Duration.ofMinutes(10));

  @Test
  void aFolderNotWatchedIsAlwaysChecked() {
    assertFalse(tracker.skipCheck("p"));
    assertFalse(tracker.skipCheck("p"));
  }

  @Test
  void aWatchedFolderIsCheckedOnceThenSkippedUntilItChanges() {
    tracker.watching("p");
    assertFalse(tracker.skipCheck("p"), "the first pull since the watch began checks");
    assertTrue(tracker.skipCheck("p"));
    tracker.changed("p");
    assertFalse(tracker.skipCheck("p"), "an event means a full check");
    assertTrue(tracker.skipCheck("p"));
    assertEquals(2, tracker.skippedChecks());
  }

  @Test
  void aFullCheckStillRunsEveryPeriodAndWhenTheWatchIsLost() {
    tracker.watching("p");
    assertFalse(tracker.skipCheck("p"));
    now.addAndGet(Duration.ofMinutes(9).toNanos());
    assertTrue(tracker.skipCheck("p"));
    now.addAndGet(Duration.ofMinutes(2).toNanos());
    assertFalse(tracker.skipCheck("p"), "some edits raise no event: ten minutes at most without a check");
    assertTrue(tracker.skipCheck("p"));
    tracker.unwatched("p");
    assertFalse(tracker.skipCheck("p"));
    assertFalse(tracker.skipCheck("p"));
  }
}
