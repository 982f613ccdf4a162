package io.ppnode.node.transfer;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the chunks of a large file around the page cache (O_DIRECT). On this class of VM a page
 * the guest has not touched lately costs about 3 s per GiB to fault in, whatever it caches, so a
 * buffered 1 GiB write took 3.5 s (3.1 s of it system time) where the same write with O_DIRECT
 * took 0.65 s, mostly waiting on the disk (docs/performance.md). A member writes a large file once and then
 * leaves it alone, so caching it buys nothing.
 *
 * <p>O_DIRECT needs the offset, the length and the buffer's address aligned to the filesystem's
 * block; content-defined chunks start anywhere. So each chunk's aligned interior goes through the
 * direct channel, copied into an aligned buffer, and its unaligned head and tail (each shorter
 * than a block) through the file's ordinary channel. Every block is then written one way only:
 * the block a chunk shares with its neighbour gets no direct write, so the page cache and the
 * direct path never both hold a block. Where the filesystem refuses O_DIRECT (tmpfs before
 * Linux 6.6, for one), or {@code -Dppnode.directWrites=false} is set, the file is written the
 * ordinary way.
 */
final class DirectWrites implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DirectWrites.class);

  /** Files smaller than this are written through the page cache: they are few bytes of a pull. */
  static final long MIN_FILE_BYTES = 8L << 20;

  /** Bytes copied into the aligned buffer per direct write. */
  static final int BUFFER_BYTES = 1 << 20;

  private static final int PAGE = 4096;
  private static final int MAX_ALIGNMENT = 64 << 10;

  /** One aligned buffer per writing thread (the disk threads), not one per file. */
  private static final ThreadLocal<ByteBuffer> BUFFERS =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER_BYTES + MAX_ALIGNMENT));

  private final FileChannel direct;
  private final int alignment;

  private DirectWrites(FileChannel direct, int alignment) {
    this.direct = direct;
    this.alignment = alignment;
  }

  static boolean enabled() {
    return !"false".equals(System.getProperty("ppnode.directWrites"));
  }

  /**
   * A direct channel on {@code file}, which must exist, when a file of {@code size} bytes should
   * be written so and its filesystem allows it; empty otherwise.
   */
  static Optional<DirectWrites> open(Path file, long size) {
    if (size < MIN_FILE_BYTES || !enabled()) {
      return Optional.empty();
    }
    try {
      // At least a page, so that a block never shares a page with a block written the other way.
      long block = Math.max(PAGE, Files.getFileStore(file).getBlockSize());
      if (block > MAX_ALIGNMENT || Long.bitCount(block) != 1) {
        return Optional.empty();
      }
      FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
      return Optional.of(new DirectWrites(ch, (int) block));
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("writing {} through the page cache: {}", file, e.toString());
      return Optional.empty();
    }
  }

  /**
   * Writes the {@code length} bytes of {@code data} at {@code pos}: the aligned interior
   * directly, head and tail through {@code buffered}. {@code writing} is held around each write
   * call, not around the copies into the aligned buffer, which are this thread's own.
   */
  void write(FileChannel buffered, long pos, long length, ByteBuffer[] data, Lock writing) throws IOException {
    long end = pos + length;
    long innerStart = Math.min(end, roundUp(pos));
    long innerEnd = Math.max(innerStart, end & -alignment);
    Cursor in = new Cursor(data);
    ByteBuffer buf = alignedBuffer();
    under(writing, () -> in.writeTo(buffered, pos, innerStart - pos));
    for (long p = innerStart; p < innerEnd; ) {
      int n = (int) Math.min(buf.capacity(), innerEnd - p);
      buf.clear().limit(n);
      in.copyInto(buf);
      buf.flip();
      long at = p;
      under(writing, () -> {
        for (long q = at; buf.hasRemaining(); ) {
          q += direct.write(buf, q);
        }
      });
      p += n;
    }
    under(writing, () -> in.writeTo(buffered, innerEnd, end - innerEnd));
  }

  private interface IoStep {
    void run() throws IOException;
  }

  private static void under(Lock lock, IoStep step) throws IOException {
    lock.lock();
    try {
      step.run();
    } finally {
      lock.unlock();
    }
  }

  private long roundUp(long pos) {
    return (pos + alignment - 1) & -alignment;
  }

  private ByteBuffer alignedBuffer() {
    // alignedSlice of a fresh duplicate: the thread's buffer keeps no position between calls.
    ByteBuffer aligned = BUFFERS.get().duplicate().clear().alignedSlice(alignment);
    return aligned.limit(aligned.capacity() & -alignment).slice();
  }

  @Override
  public void close() throws IOException {
    direct.close();
  }

  /** Reads a chunk's buffers in order, without moving the caller's positions. */
  private static final class Cursor {
    private final ByteBuffer[] bufs;
    private int i;

    Cursor(ByteBuffer[] data) {
      bufs = new ByteBuffer[data.length];
      for (int k = 0; k < data.length; k++) {
        bufs[k] = data[k].duplicate();
      }
    }

    private ByteBuffer current() {
      while (!bufs[i].hasRemaining()) {
        i++;
      }
      return bufs[i];
    }

    /** Writes the next {@code n} bytes at {@code pos}. */
    void writeTo(FileChannel ch, long pos, long n) throws IOException {
      while (n > 0) {
        ByteBuffer b = current();
        int take = (int) Math.min(n, b.remaining());
        ByteBuffer piece = b.slice(b.position(), take);
        while (piece.hasRemaining()) {
          pos += ch.write(piece, pos);
        }
        b.position(b.position() + take);
        n -= take;
      }
    }

    /** Fills {@code dst} up to its limit. */
    void copyInto(ByteBuffer dst) {
      while (dst.hasRemaining()) {
        ByteBuffer b = current();
        int take = Math.min(dst.remaining(), b.remaining());
        dst.put(b.slice(b.position(), take));
        b.position(b.position() + take);
      }
    }
  }
}
