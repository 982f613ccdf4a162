package io.ppnode.node.transfer;

import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The member's existing copy of a file, offered as a source of chunks: a chunk the member's
 * applied version of this file holds (at any offset, so the tail shifted by an insertion counts
 * too) is copied locally instead of fetched, and failing that, one the member holds anywhere
 * else in the project ({@link LocalChunkSource}). Reads may run on several threads at once.
 */
final class LocalChunks implements AutoCloseable {
  private final FileChannel in;
  private final long size;
  private final LocalChunkSource elsewhere;
  /**
   * Where each chunk of the applied version of this file sat, by hash; empty when the manifest
   * knows no such version, and then only the same offset is tried. Looked up once per file, so
   * a chunk found here costs no manifest query.
   */
  private final Map<ChunkHash, Long> applied;
  private LocalChunks(FileChannel in, long size, LocalChunkSource elsewhere, Map<ChunkHash, Long> applied) {
    this.in = in;
    this.size = size;
    this.elsewhere = elsewhere;
    this.applied = applied;
  }

  static LocalChunks open(Path p, LocalChunkSource elsewhere) {
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return new LocalChunks(null, 0, elsewhere, Map.of());
    }
    Map<ChunkHash, Long> at = new HashMap<>();
    elsewhere.appliedVersion(p).ifPresent(v -> v.chunks().forEach(c -> at.putIfAbsent(c.sha256(), c.offset())));
    try {
      FileChannel fc = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      return new LocalChunks(fc, fc.size(), elsewhere, at);
    } catch (IOException e) {
      return new LocalChunks(null, 0, elsewhere, Map.of());
    }
  }

  /** Whether any local copy may hold {@code c}: false on a first join, which has nothing to read. */
  boolean mayHold(FileEntry.ChunkRef c) {
    return in != null || !elsewhere.empty();
  }

  /** The chunk's bytes if the local copy holds exactly them at that offset or they are elsewhere, else null. */
  ByteBuffer read(FileEntry.ChunkRef c) {
    ByteBuffer here = null;
    // Where the applied version had this chunk; with no record, where the new version wants it.
    Long at = applied.isEmpty() ? Long.valueOf(c.offset()) : applied.get(c.sha256());
    if (in != null && at != null && at + c.length() <= size) {
      try {
        here = readVerified(in, at, c);
      } catch (IOException e) {
        here = null;
      }
    }
    return here != null ? here : elsewhere.read(c);
  }

  /** {@code c.length()} bytes at {@code offset} of {@code in} if they hash to {@code c.sha256()}, else null. */
  static ByteBuffer readVerified(FileChannel in, long offset, FileEntry.ChunkRef c) throws IOException {
    ByteBuffer buf = readAt(in, offset, c.length());
    if (buf == null) {
      return null;
    }
    return FileJob.matches(c.sha256(), new ByteBuffer[] {buf}) ? buf : null;
  }

  /** {@code length} bytes at {@code offset}, or null if the file ends first. */
  private static ByteBuffer readAt(FileChannel in, long offset, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (in.read(buf, offset + buf.position()) < 0) {
        return null;
      }
    }
    return buf.flip();
  }

  /**
   * Whether the file at {@code p}, already known to be of {@code e}'s size, holds every chunk of
   * {@code e} at its offset: the file hash is made of the chunk hashes, so this is the check
   * that its content is {@code e}'s.
   */
  static boolean holdsExactly(Path p, FileEntry e) throws IOException {
    try (FileChannel in = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      for (FileEntry.ChunkRef c : e.chunks()) {
        if (readVerified(in, c.offset(), c) == null) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public void close() {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Read-only handle; nothing to lose.
      }
    }
  }
}
