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
 * @param sha256 the file hash: SHA-256 of the chunk hashes in order (docs/protocol.md 7); null for directories and deleted entries
 * @param sequence the project sequence at which this entry last changed
 * @param deleted a tombstone: the path no longer exists on the owner
 * @param chunks the file's chunks in offset order; empty for directories and deleted entries
 * @param signature the owner's Ed25519 signature over {@link IndexEntryBytes}; null only while
 *     an entry is being made, before the owner signs it (the wire requires one)
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
    List<ChunkRef> chunks,
    EntrySignature signature) {

  /** An entry not signed yet: what a scan builds before the owner signs it. */
  public FileEntry(String path, Kind kind, long size, long mtime, int mode, ChunkHash sha256,
      long sequence, boolean deleted, List<ChunkRef> chunks) {
    this(path, kind, size, mtime, mode, sha256, sequence, deleted, chunks, null);
  }

  /** This entry with {@code signature} in place of its own. */
  public FileEntry signed(EntrySignature signature) {
    return new FileEntry(path, kind, size, mtime, mode, sha256, sequence, deleted, chunks, signature);
  }

  /** What an index entry names. */
  public enum Kind {
    FILE,
    DIRECTORY
  }

  /** One chunk of a file: where it sits and what it hashes to. */
  public record ChunkRef(long offset, int length, ChunkHash sha256) {}
}
