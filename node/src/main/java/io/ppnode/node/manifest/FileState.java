package io.ppnode.node.manifest;

import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.FileEntry.Kind;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rescan compares a walked file with: an entry's metadata without its chunks or
 * signature, read for a whole project in one light query (100,000 rows in well under a second)
 * so that a rescan with nothing changed costs about a stat per file.
 *
 * @param signed whether the row carries the owner's signature (rows from before schema v5 do not)
 * @param fileKey the file's identity on disk when it was hashed, or null (schema v8)
 */
public record FileState(
    String path, Kind kind, long size, long mtime, int mode, boolean deleted, boolean signed, String fileKey) {

  /** The state the row of {@code e} has once written with {@code fileKey}. */
  static FileState of(FileEntry e, String fileKey) {
    return new FileState(e.path(), e.kind(), e.size(), e.mtime(), e.mode(), e.deleted(), e.signature() != null, fileKey);
  }

  /**
   * {@code before} with a write of {@link FileRows#putFiles} applied, as a new read-only map:
   * every entry's row replaced (its key from {@code fileKeys}, or none), and the key of any
   * other existing row named in {@code fileKeys} moved.
   */
  static Map<String, FileState> afterWrite(Map<String, FileState> before, List<FileEntry> entries,
      Map<String, String> fileKeys) {
    Map<String, FileState> after = new HashMap<>(before);
    Set<String> written = new HashSet<>();
    for (FileEntry e : entries) {
      after.put(e.path(), of(e, fileKeys.get(e.path())));
      written.add(e.path());
    }
    fileKeys.forEach((path, key) -> {
      FileState s = after.get(path);
      if (s != null && !written.contains(path)) {
        after.put(path, new FileState(path, s.kind(), s.size(), s.mtime(), s.mode(), s.deleted(), s.signed(), key));
      }
    });
    return Collections.unmodifiableMap(after);
  }
}
