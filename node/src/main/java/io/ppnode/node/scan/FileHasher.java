package io.ppnode.node.scan;

import io.ppnode.node.chunk.ChunkSizing;
import io.ppnode.node.chunk.Chunker;
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
 * Reads a file once, cutting it into content-defined chunks ({@link Chunker}, sized by the
 * caller's {@link ChunkSizing}) and computing the SHA-256 of every chunk and of the whole file
 * in the same pass. Memory per call is the chunker's buffer, at most twice the largest chunk.
 */
final class FileHasher {
  private FileHasher() {}

  /** A finished hash; {@code bytesRead} may differ from the size seen before reading. */
  record Hashed(ChunkHash sha256, List<ChunkRef> chunks, long bytesRead) {}

  static Hashed hash(Path file, long expectedSize, ChunkSizing sizing) throws IOException {
    MessageDigest whole = sha256();
    MessageDigest chunk = sha256();
    List<ChunkRef> chunks = new ArrayList<>();
    // The size seen by the walk picks the sizing; if the file grows meanwhile, the scanner
    // notices the size change and drops this hash anyway.
    Chunker chunker = new Chunker(sizing);
    long total;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      total =
          chunker.split(
              in,
              expectedSize,
              (offset, buf, from, length) -> {
                // Chunks arrive in order and cover the file, so they also feed the whole-file hash.
                whole.update(buf, from, length);
                chunk.update(buf, from, length);
                chunks.add(new ChunkRef(offset, length, ChunkHash.of(chunk.digest())));
                if (chunks.size() > Limits.MAX_CHUNKS_PER_FILE) {
                  throw new IOException("more than " + Limits.MAX_CHUNKS_PER_FILE + " chunks");
                }
              });
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
