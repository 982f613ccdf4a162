package io.ppnode.node.transfer;

import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.WirePaths;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The member's side of the case policy (docs/security.md): before a path is created, no other
 * live path of the project (already applied, or arrived so far in the same index) may fold to the same
 * name, nor may any of its parent directories. On a case-insensitive file system such a write
 * would land on the other file, or go through a directory of another name, so the entry is
 * refused instead. An honest owner never sends one (it publishes the first of such paths only).
 */
final class CaseCollisionGuard {
  /**
   * The live paths by their case fold: the one path of a fold (nearly always), else a set of
   * them. A set per path cost a 100,000-file join 18 MiB of its live heap.
   */
  private final Map<String, Object> pathsByFold = new HashMap<>();

  /** @param applied what the member holds from earlier pulls */
  CaseCollisionGuard(Collection<FileEntry> applied) {
    for (FileEntry e : applied) {
      if (!e.deleted()) {
        add(e.path());
      }
    }
  }

  /**
   * Takes in an entry of this pull, as pages arrive: a live one claims its name, a tombstone
   * frees it. Entries arrive in sequence order and an owner deletes before it creates within a
   * scan, so a case-only rename frees the old name before the new one is checked.
   */
  void arrive(FileEntry e) {
    if (e.deleted()) {
      String fold = WirePaths.caseFold(e.path());
      Object same = pathsByFold.get(fold);
      if (same instanceof Set<?> several) {
        several.remove(e.path());
      } else if (e.path().equals(same)) {
        pathsByFold.remove(fold);
      }
    } else {
      add(e.path());
    }
  }

  private void add(String path) {
    String fold = WirePaths.caseFold(path);
    // Most paths are their own fold: keep one string for both.
    Object had = pathsByFold.putIfAbsent(fold.equals(path) ? path : fold, path);
    if (had instanceof Set<?>) {
      @SuppressWarnings("unchecked")
      Set<String> several = (Set<String>) had;
      several.add(path);
    } else if (had != null && !had.equals(path)) {
      pathsByFold.put(fold, new HashSet<>(Set.of((String) had, path)));
    }
  }

  /** The live paths that fold as {@code prefix} does. */
  @SuppressWarnings("unchecked")
  private Set<String> sameFold(String prefix) {
    Object same = pathsByFold.get(WirePaths.caseFold(prefix));
    return same == null ? Set.of() : same instanceof Set<?> ? (Set<String>) same : Set.of((String) same);
  }

  /** Null if {@code path} and its parents are alone in their case; else why it is refused. */
  String collision(String path) {
    for (int end = path.indexOf('/'); ; end = path.indexOf('/', end + 1)) {
      String prefix = end < 0 ? path : path.substring(0, end);
      for (String other : sameFold(prefix)) {
        if (!other.equals(prefix)) {
          return prefix + " differs only by case from " + other
              + "; not written, as on a case-insensitive file system it would go to the other";
        }
      }
      if (end < 0) {
        return null;
      }
    }
  }
}
