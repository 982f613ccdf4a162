package io.ppnode.node.scan;

import io.ppnode.node.chunk.ChunkSizing;
import io.ppnode.node.chunk.Chunker;
import io.ppnode.node.chunk.FileHashes;
import io.ppnode.node.chunk.Sha256;
import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry.ChunkRef;
import io.ppnode.protocol.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads a file once, cutting it into content-defined chunks ({@link Chunker}, sized by the
 * caller's {@link ChunkSizing}) and computing the SHA-256 of every chunk; the file hash follows
 * from the chunk hashes ({@link FileHashes}), so each byte is hashed once. A file of one chunk is
 * hashed on the calling thread. For a larger one the chunk digests run on other threads while
 * the caller reads and cuts on: a scan that finds one large file changed then uses every core of
 * the pool. Memory per call is the chunker's buffer, at most twice the largest chunk, and for a
 * large file {@link #BUFFERS} more of the largest chunk's size.
 */
final class FileHasher {
  /** Chunk copies a large file has, each of the largest chunk's size: some being digested, one being cut. */
  static final int BUFFERS = 4;

  private FileHasher() {}

  /** A finished hash; {@code bytesRead} may differ from the size seen before reading. */
  record Hashed(ChunkHash sha256, List<ChunkRef> chunks, long bytesRead) {}

  /** Hashes {@code file}; the digests of a file of more than one chunk run on {@code digests}. */
  static Hashed hash(Path file, long expectedSize, ChunkSizing sizing, Executor digests) throws IOException {
    Digests d = expectedSize > sizing.max() ? new Pipelined(digests, sizing.max()) : new Inline();
    // The size seen by the walk picks the sizing; if the file grows meanwhile, the scanner
    // notices the size change and drops this hash anyway.
    Chunker chunker = new Chunker(sizing);
    long total;
    int[] count = {0};
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      total = chunker.split(in, expectedSize, (offset, buf, from, length) -> {
        if (++count[0] > Limits.MAX_CHUNKS_PER_FILE) {
          throw new IOException("more than " + Limits.MAX_CHUNKS_PER_FILE + " chunks");
        }
        d.chunk(offset, buf, from, length);
      });
    } catch (IOException | RuntimeException e) {
      d.abandon();
      throw e;
    }
    return d.finish(total);
  }

  /** The digests of one file, fed its chunks in order. */
  private abstract static class Digests {
    final List<ChunkRef> chunks = new ArrayList<>();

    static ChunkRef chunkRef(long offset, byte[] buf, int from, int length) {
      MessageDigest chunk = Sha256.newDigest();
      chunk.update(buf, from, length);
      return new ChunkRef(offset, length, ChunkHash.of(chunk.digest()));
    }

    abstract void chunk(long offset, byte[] buf, int from, int length) throws IOException;

    /** Waits for the digests still running; the caller's read failed. */
    void abandon() {}

    Hashed finish(long total) throws IOException {
      List<ChunkRef> all = List.copyOf(chunks);
      return new Hashed(FileHashes.of(all), all, total);
    }
  }

  /** Digests on the caller's thread, as it reads. */
  private static final class Inline extends Digests {
    @Override
    void chunk(long offset, byte[] buf, int from, int length) {
      chunks.add(chunkRef(offset, buf, from, length));
    }
  }

  /**
   * Digests on other threads: each chunk is copied out of the chunker's buffer (which it reuses)
   * into one of a few buffers of its own, and its digest runs on any free thread while the
   * caller cuts the next. The buffers go round: no garbage per chunk, whatever the file's size.
   */
  private static final class Pipelined extends Digests {
    private final Executor digests;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final List<CompletableFuture<ChunkRef>> refs = new ArrayList<>();

    Pipelined(Executor digests, int maxChunk) {
      this.digests = digests;
      for (int i = 0; i < BUFFERS; i++) {
        free.add(new byte[maxChunk]);
      }
    }

    @Override
    void chunk(long offset, byte[] buf, int from, int length) throws IOException {
      byte[] copy;
      try {
        copy = free.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while hashing");
      }
      System.arraycopy(buf, from, copy, 0, length);
      CompletableFuture<ChunkRef> ref = CompletableFuture.supplyAsync(() -> chunkRef(offset, copy, 0, length), digests);
      refs.add(ref);
      ref.whenComplete((r, err) -> free.add(copy));
    }

    @Override
    void abandon() {
      CompletableFuture.allOf(refs.toArray(CompletableFuture[]::new)).handle((v, err) -> null).join();
    }

    @Override
    Hashed finish(long total) throws IOException {
      try {
        for (CompletableFuture<ChunkRef> r : refs) {
          chunks.add(r.join());
        }
      } catch (CompletionException e) {
        throw new IllegalStateException("hashing failed", e.getCause());
      }
      return super.finish(total);
    }
  }
}
