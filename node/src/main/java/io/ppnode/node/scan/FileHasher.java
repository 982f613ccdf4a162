package io.ppnode.node.scan;

import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry.ChunkRef;
import io.ppnode.protocol.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a file once, computing the SHA-256 of every {@link Limits#CHUNK_SIZE} chunk and of the
 * whole file together. Memory per call is one buffer of at most {@link #BUFFER_SIZE} bytes, never
 * the file.
 */
final class FileHasher {
  static final int BUFFER_SIZE = 1 << 20;

  private FileHasher() {}

  /** A finished hash; {@code bytesRead} may differ from the size seen before reading. */
  record Hashed(ChunkHash sha256, List<ChunkRef> chunks, long bytesRead) {}

  static Hashed hash(Path file, long expectedSize) throws IOException {
    MessageDigest whole = sha256();
    MessageDigest chunk = sha256();
    // Small files get small buffers, so that hashing many of them does not churn 1 MiB each.
    byte[] buf = new byte[(int) Math.max(8192, Math.min(BUFFER_SIZE, expectedSize))];
    List<ChunkRef> chunks = new ArrayList<>();
    long total = 0;
    long chunkStart = 0;
    int inChunk = 0;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      while (true) {
        int want = Math.min(buf.length, Limits.CHUNK_SIZE - inChunk);
        int n = in.read(buf, 0, want);
        if (n < 0) {
          break;
        }
        whole.update(buf, 0, n);
        chunk.update(buf, 0, n);
        inChunk += n;
        total += n;
        if (inChunk == Limits.CHUNK_SIZE) {
          chunks.add(new ChunkRef(chunkStart, inChunk, ChunkHash.of(chunk.digest())));
          chunkStart = total;
          inChunk = 0;
        }
      }
    }
    if (inChunk > 0) {
      chunks.add(new ChunkRef(chunkStart, inChunk, ChunkHash.of(chunk.digest())));
    }
    return new Hashed(ChunkHash.of(whole.digest()), List.copyOf(chunks), total);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
