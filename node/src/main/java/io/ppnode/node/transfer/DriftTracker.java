package io.ppnode.node.transfer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a serving member's folder watch knows of local edits ({@link LocalDrift}): a joined
 * project whose whole folder is watched, and in which nothing changed since a full check began
 * and found nothing, needs no stat of every file on its next pull. Anything unsure means a full
 * check: a folder not (or no longer wholly) watched, an overflow, any event at all, ppnode's own
 * installs included. A missed event costs time, not data: the edit is put back by a later full
 * check, and a pull never replaces a file it finds edited without keeping a conflict copy.
 */
public final class DriftTracker {
  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  /** Watched projects in which nothing changed since their last full check began. */
  private final Set<String> unchanged = ConcurrentHashMap.newKeySet();
  private final AtomicLong skipped = new AtomicLong();

  /** Every directory of the project's folder is watched, from now on. */
  public void watching(String projectId) {
    watched.add(projectId);
  }

  /** The watch of the project's folder is incomplete or gone. */
  public void unwatched(String projectId) {
    watched.remove(projectId);
    unchanged.remove(projectId);
  }

  /** Something under the project's folder changed, or the watch may have lost events. */
  public void changed(String projectId) {
    unchanged.remove(projectId);
  }

  /**
   * True if the full check of {@code projectId} can be skipped. If not, the caller checks, and
   * the project counts as unchanged from this moment: an event during the check, or a check
   * that finds drift ({@link #changed}), makes the next pull check again.
   */
  boolean skipCheck(String projectId) {
    if (!watched.contains(projectId) || unchanged.add(projectId)) {
      return false;
    }
    skipped.incrementAndGet();
    return true;
  }

  /** How many full checks were skipped so far, for tests and diagnostics. */
  public long skippedChecks() {
    return skipped.get();
  }
}
