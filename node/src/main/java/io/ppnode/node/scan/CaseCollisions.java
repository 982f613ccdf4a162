package io.ppnode.node.scan;

import io.ppnode.node.scan.TreeWalker.Seen;
import io.ppnode.protocol.WirePaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's side of the case policy (docs/security.md): of paths that differ only by case
 * ({@code A.txt}, {@code a.txt}), only the first in sort order is published, so a member on a
 * case-insensitive file system never gets two entries for one name on its disk. A directory
 * left out takes its whole subtree with it.
 */
final class CaseCollisions {
  private static final Logger log = LoggerFactory.getLogger(CaseCollisions.class);

  private CaseCollisions() {}

  /** Removes the colliding paths from {@code entries}; returns them, each with the path it kept. */
  static List<String> removeFrom(Map<String, Seen> entries) {
    // Collisions are rare: one pass of case folds finds whether there are any, and only then
    // is the tree sorted (a sort of every path costs a no-change rescan of 100,000 files ~0.1 s).
    Set<String> folds = new HashSet<>(entries.size() * 2);
    boolean any = false;
    for (String path : entries.keySet()) {
      if (!folds.add(WirePaths.caseFold(path))) {
        any = true;
        break;
      }
    }
    if (!any) {
      return new ArrayList<>();
    }
    Map<String, String> keptByFold = new HashMap<>();
    Set<String> dropped = new HashSet<>();
    List<String> report = new ArrayList<>();
    // Sorted, so a parent comes before its children and "first" does not depend on the walk.
    for (String path : new TreeMap<>(entries).keySet()) {
      int slash = path.lastIndexOf('/');
      if (slash > 0 && dropped.contains(path.substring(0, slash))) {
        dropped.add(path);
        continue;
      }
      String kept = keptByFold.putIfAbsent(WirePaths.caseFold(path), path);
      if (kept != null) {
        dropped.add(path);
        report.add(path + " (differs only by case from " + kept + ")");
        log.warn("not publishing {}: it differs only by case from {}, which a case-insensitive member could not "
            + "hold beside it", path, kept);
      }
    }
    entries.keySet().removeAll(dropped);
    return report;
  }
}
