package io.ppnode.node.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Content-defined chunking: FastCDC (Xia et al., USENIX ATC 2016) with normalized chunking at
 * level 2. Because a boundary depends only on the bytes just before it, inserting or removing
 * bytes in a file moves only the boundaries near the edit; further on the cuts fall where they
 * fell before, so the chunks there keep their hashes and need not travel again.
 *
 * <p>For each chunk, starting {@code min} bytes in (cut-point skipping), a gear hash rolls over
 * the bytes: {@code h = (h << 1) + GEAR[byte]}. Before the average size the cut comes at the
 * first byte where {@code h & maskS == 0}, {@code maskS} having {@code avgBits + 2} bits; after
 * it, with the easier {@code maskL} of {@code avgBits - 2} bits; at {@code max} the chunk is cut
 * regardless. The masks use the hash's top bits, which depend on the last 40-64 bytes. The
 * chunk includes the byte at which the condition held.
 *
 * <p>The input is read through a buffer of at most {@code 2 * max} bytes, never the whole file.
 * An instance is not thread-safe, but can split any number of streams one after another.
 */
public final class Chunker {
  /** Bytes asked of the stream per read unless a test says otherwise. */
  public static final int DEFAULT_READ_SIZE = 1 << 20;
  private static final int SMALLEST_BUFFER = 8192;
  private static final long[] GEAR = gearTable();

  private final ChunkSizing sizing;
  private final long maskS;
  private final long maskL;
  private final int readSize;

  /** Receives each chunk's bytes, in file order; the array is reused once the call returns. */
  @FunctionalInterface
  public interface ChunkSink {
    void chunk(long offset, byte[] buf, int from, int length) throws IOException;
  }

  public Chunker(ChunkSizing sizing) {
    this(sizing, DEFAULT_READ_SIZE);
  }

  public Chunker(ChunkSizing sizing, int readSize) {
    if (readSize < 1) {
      throw new IllegalArgumentException("read size must be positive: " + readSize);
    }
    this.sizing = sizing;
    this.readSize = readSize;
    int bits = sizing.avgBits();
    this.maskS = -1L << (64 - (bits + 2));
    this.maskL = -1L << (64 - (bits - 2));
  }

  /**
   * Reads {@code in} to its end and hands each chunk to {@code sink}; returns the bytes read.
   * {@code sizeHint} (the size the caller expects, or 0) only picks the first buffer size.
   */
  public long split(InputStream in, long sizeHint, ChunkSink sink) throws IOException {
    int cap = (int) Math.min(2L * sizing.max(), Math.max(SMALLEST_BUFFER, sizeHint + 1));
    byte[] buf = new byte[cap];
    int pos = 0;
    int limit = 0;
    long offset = 0;
    boolean eof = false;
    while (true) {
      // Find a cut only with max bytes in hand (or the rest of the file): with fewer, a cut
      // would depend on how the stream happened to split its reads.
      while (!eof && limit - pos < sizing.max()) {
        if (limit == buf.length) {
          if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
          } else {
            byte[] bigger = new byte[(int) Math.min(2L * sizing.max(), 2L * buf.length)];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
          }
        }
        int n = in.read(buf, limit, Math.min(readSize, buf.length - limit));
        if (n < 0) {
          eof = true;
        } else {
          limit += n;
        }
      }
      if (limit == pos) {
        return offset;
      }
      int len = cut(buf, pos, Math.min(limit - pos, sizing.max()));
      sink.chunk(offset, buf, pos, len);
      offset += len;
      pos += len;
    }
  }

  /** The length of the chunk that starts at {@code buf[from]}, given {@code n} bytes (<= max) from there. */
  int cut(byte[] buf, int from, int n) {
    int min = sizing.min();
    if (n <= min) {
      return n;
    }
    int normal = Math.min(sizing.avg(), n);
    long h = 0;
    int i = from + min;
    int end = from + normal;
    long mask = maskS;
    for (; i < end; i++) {
      h = (h << 1) + GEAR[buf[i] & 0xff];
      if ((h & mask) == 0) {
        return i + 1 - from;
      }
    }
    end = from + n;
    mask = maskL;
    for (; i < end; i++) {
      h = (h << 1) + GEAR[buf[i] & 0xff];
      if ((h & mask) == 0) {
        return i + 1 - from;
      }
    }
    return n;
  }

  /**
   * GEAR[i] is the first 8 bytes, big-endian, of SHA-256("ppnode gear v1" || i) with i as one
   * byte: random-looking constants anyone can recompute, so the table cannot drift unnoticed.
   */
  private static long[] gearTable() {
    MessageDigest md = Sha256.newDigest();
    byte[] prefix = "ppnode gear v1".getBytes(StandardCharsets.US_ASCII);
    long[] t = new long[256];
    for (int i = 0; i < 256; i++) {
      md.update(prefix);
      md.update((byte) i);
      t[i] = ByteBuffer.wrap(md.digest()).getLong();
    }
    return t;
  }

  /** For tests: the table entry at {@code i}. */
  static long gear(int i) {
    return GEAR[i];
  }
}
