package io.ppnode.node.chunk;

import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry.ChunkRef;
import java.security.MessageDigest;
import java.util.List;

/**
 * The file hash of an index entry (docs/protocol.md 7): SHA-256 over the 32-byte hashes of its
 * chunks, concatenated in offset order. Derived from the chunk list rather than read from the
 * bytes a second time, so that a scan hashes each byte once; a one-chunk file is hashed again
 * over its chunk hash, so a file hash never equals a chunk hash of other content.
 */
public final class FileHashes {
  private FileHashes() {}

  /** The file hash of a file cut into {@code chunks}; an empty file has no chunks. */
  public static ChunkHash of(List<ChunkRef> chunks) {
    MessageDigest md = Sha256.newDigest();
    for (ChunkRef c : chunks) {
      md.update(c.sha256().bytes());
    }
    return ChunkHash.of(md.digest());
  }
}
