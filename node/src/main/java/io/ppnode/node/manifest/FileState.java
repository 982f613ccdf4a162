package io.ppnode.node.manifest;

import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.FileEntry.Kind;

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

  /** A file that is there (not a directory, not a tombstone): what totals count. */
  public boolean liveFile() {
    return kind == Kind.FILE && !deleted;
  }
}
