package io.ppnode.protocol;

import java.util.List;

/**
 * One file or directory in a project's index, as the owner publishes it.
 *
 * @param path relative, '/'-separated, NFC-normalised; validated by {@link WirePaths} on decode
 * @param kind file or directory
 * @param size bytes (0 for directories)
 * @param mtime modification time, milliseconds since the epoch
 * @param mode POSIX permission bits (e.g. 0644)
 * @param sha256 whole-file digest; null for directories and deleted entries
 * @param sequence the project sequence at which this entry last changed
 * @param deleted a tombstone: the path no longer exists on the owner
 * @param chunks the file's chunks in offset order; empty for directories and deleted entries
 */
public record FileEntry(
    String path,
    Kind kind,
    long size,
    long mtime,
    int mode,
    ChunkHash sha256,
    long sequence,
    boolean deleted,
    List<ChunkRef> chunks) {

  /** What an index entry names. */
  public enum Kind {
    FILE,
    DIRECTORY
  }

  /** One chunk of a file: where it sits and what it hashes to. */
  public record ChunkRef(long offset, int length, ChunkHash sha256) {}
}
