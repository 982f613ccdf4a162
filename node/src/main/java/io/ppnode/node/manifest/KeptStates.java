package io.ppnode.node.manifest;

import io.ppnode.protocol.FileEntry;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One project's {@link FileState}s as the manifest keeps them between calls, changed in place by
 * each write of file rows unless a caller still holds the map it was last given: only then is it
 * copied first. A join writes its files a thousand at a time while nobody reads the states;
 * copying the whole map for each batch made 100,000 files cost about 200 MiB of maps that each
 * lived just long enough to be promoted, which is what filled the heap of such a join.
 */
final class KeptStates {
  private Map<String, FileState> states;
  /** Whether {@link #states} has been handed out since it last changed: then it may not change. */
  private boolean lent;

  /** @param states as read; not changed here (the first write copies it), so it may be read-only */
  KeptStates(Map<String, FileState> states) {
    this.states = states;
    this.lent = true;
  }

  /** The states as they are now, read-only; they stay so however the table changes later. */
  synchronized Map<String, FileState> lend() {
    lent = true;
    return Collections.unmodifiableMap(states);
  }

  /**
   * Applies a write of {@link FileRows#putFiles}: every entry's row replaced (its key from
   * {@code fileKeys}, or none), and the key of any other existing row named in {@code fileKeys}
   * moved.
   */
  synchronized void apply(List<FileEntry> entries, Map<String, String> fileKeys) {
    if (lent) {
      states = new HashMap<>(states);
      lent = false;
    }
    Set<String> written = new HashSet<>();
    for (FileEntry e : entries) {
      states.put(e.path(), FileState.of(e, fileKeys.get(e.path())));
      written.add(e.path());
    }
    fileKeys.forEach((path, key) -> {
      FileState s = states.get(path);
      if (s != null && !written.contains(path)) {
        states.put(path, new FileState(path, s.kind(), s.size(), s.mtime(), s.mode(), s.deleted(), s.signed(), key));
      }
    });
  }
}
