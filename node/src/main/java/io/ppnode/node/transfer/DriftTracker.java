package io.ppnode.node.transfer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What a serving member's folder watch knows of local edits ({@link LocalDrift}): a joined
 * project whose whole folder is watched, and in which nothing changed since a full check began
 * and found nothing, needs no stat of every file on its next pull. Anything unsure means a full
 * check: a folder not (or no longer wholly) watched, an overflow, any event at all, ppnode's own
 * installs included. Some edits raise no event in the folder (a write through a hard link kept
 * elsewhere, or through a memory map), so a full check still runs at least every
 * {@link #FULL_CHECK_EVERY}. A missed edit costs time, not data: a later full check puts it back,
 * and a pull never replaces a file it finds edited without keeping a conflict copy.
 */
public final class DriftTracker {
  /** The longest a watched, unchanged folder goes without a full check. */
  public static final Duration FULL_CHECK_EVERY = Duration.ofMinutes(10);

  private final LongSupplier nanoClock;
  private final long fullCheckEveryNanos;
  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  /** Of watched projects unchanged since, when their last full check began (nano clock). */
  private final Map<String, Long> checkedAt = new ConcurrentHashMap<>();
  private final AtomicLong skipped = new AtomicLong();

  public DriftTracker() {
    this(System::nanoTime, FULL_CHECK_EVERY);
  }

  DriftTracker(LongSupplier nanoClock, Duration fullCheckEvery) {
    this.nanoClock = nanoClock;
    this.fullCheckEveryNanos = fullCheckEvery.toNanos();
  }

  /** Every directory of the project's folder is watched, from now on. */
  public void watching(String projectId) {
    watched.add(projectId);
  }

  /** The watch of the project's folder is incomplete or gone. */
  public void unwatched(String projectId) {
    watched.remove(projectId);
    checkedAt.remove(projectId);
  }

  /** Something under the project's folder changed, or the watch may have lost events. */
  public void changed(String projectId) {
    checkedAt.remove(projectId);
  }

  /**
   * True if the full check of {@code projectId} can be skipped. If not, the caller checks, and
   * the project counts as unchanged from this moment: an event during the check, or a check
   * that finds drift ({@link #changed}), makes the next pull check again.
   */
  boolean skipCheck(String projectId) {
    if (!watched.contains(projectId)) {
      return false;
    }
    long now = nanoClock.getAsLong();
    Long at = checkedAt.get(projectId);
    if (at != null && now - at < fullCheckEveryNanos) {
      skipped.incrementAndGet();
      return true;
    }
    // A change between the get and this put happened before the check begins, so it sees it.
    checkedAt.put(projectId, now);
    return false;
  }

  /** How many full checks were skipped so far, for tests and diagnostics. */
  public long skippedChecks() {
    return skipped.get();
  }
}
