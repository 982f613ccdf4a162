package io.ppnode.node.chunk;

import io.ppnode.protocol.Limits;

/**
 * The owner's rule for how large a file's chunks should be: small files are one chunk, larger
 * files get larger chunks so that even a 100 GiB file lists well under 100,000 of them.
 *
 * <p>The size class is picked by the power of two below the file's size, never by the exact
 * size, so that a small insertion or deletion almost never moves a file into another class: if
 * it did, every boundary would move and the whole file would travel again. The rule (also in
 * docs/protocol.md, section 7):
 *
 * <pre>
 *   size &lt;= 256 KiB:  one chunk (the whole file)
 *   otherwise:        b   = floor(log2(size)) - 11, clamped to 16..22
 *                     avg = 2^b  (64 KiB .. 4 MiB), min = avg / 4, max = avg * 4
 * </pre>
 *
 * So files below 256 MiB use 64 KiB chunks (256 MiB exactly is 128 KiB), 1 GiB uses 512 KiB,
 * and from 8 GiB on 4 MiB (max 16 MiB = {@link Limits#MAX_CHUNK_BYTES}).
 *
 * <p>A file sitting right at a power of two (disk images often do) would still change class on
 * a 1-byte edit, and be sent whole; so a rescanned file keeps the class its previous chunks show
 * while its size stays within an eighth of that class's range ({@link #forFileSize(long, long,
 * int)}). It switches once, well past the boundary, instead of on every edit across it.
 *
 * @param min no chunk but a file's last is shorter
 * @param avg the size the chunker aims for; a power of two
 * @param max no chunk is longer; at most {@link Limits#MAX_CHUNK_BYTES}
 */
public record ChunkSizing(int min, int avg, int max) {
  /** Files up to this size are a single chunk: cutting them buys little and costs rows. */
  public static final int WHOLE_FILE_LIMIT = 256 << 10;
  static final int MIN_AVG_BITS = 16;
  static final int MAX_AVG_BITS = 22;
  /** One average chunk per 2^11 = 2048 parts of the size class. */
  private static final int PARTS_BITS = 11;
  /** Mean chunk length over avg on random data (ChunkerTest): cut-point skipping adds ~14%. */
  private static final double MEAN_OVER_AVG = 1.14;
  /** Below this many chunks a mean says too little about the class that made them. */
  private static final int MIN_CHUNKS_TO_INFER = 8;

  public ChunkSizing {
    if (min < 1 || avg < min || max < avg || max > Limits.MAX_CHUNK_BYTES || Integer.bitCount(avg) != 1) {
      throw new IllegalArgumentException("bad chunk sizing " + min + "/" + avg + "/" + max);
    }
  }

  /** The sizing for a file of {@code size} bytes. */
  public static ChunkSizing forFileSize(long size) {
    if (size <= WHOLE_FILE_LIMIT) {
      // min = max = the limit: the chunker never looks for a boundary in such a file.
      return new ChunkSizing(WHOLE_FILE_LIMIT, WHOLE_FILE_LIMIT, WHOLE_FILE_LIMIT);
    }
    int sizeBits = 63 - Long.numberOfLeadingZeros(size);
    return ofAverageBits(Math.max(MIN_AVG_BITS, Math.min(MAX_AVG_BITS, sizeBits - PARTS_BITS)));
  }

  /**
   * The sizing for a file rescanned at {@code size} that was {@code previousSize} bytes in
   * {@code previousChunks} chunks: the previous class if it is adjacent and the size is within an
   * eighth of that class's range, else {@link #forFileSize(long)}.
   */
  public static ChunkSizing forFileSize(long size, long previousSize, int previousChunks) {
    ChunkSizing now = forFileSize(size);
    // Around the one-chunk limit a switch costs at most ~300 KiB; not worth a rule.
    if (size <= WHOLE_FILE_LIMIT || previousSize <= WHOLE_FILE_LIMIT || previousChunks < MIN_CHUNKS_TO_INFER) {
      return now;
    }
    double mean = (double) previousSize / previousChunks / MEAN_OVER_AVG;
    int bits = (int) Math.round(Math.log(mean) / Math.log(2));
    if (bits < MIN_AVG_BITS || bits > MAX_AVG_BITS || Math.abs(bits - now.avgBits()) != 1) {
      return now;
    }
    long lower = bits == MIN_AVG_BITS ? 0 : 1L << (bits + PARTS_BITS);
    long upper = bits == MAX_AVG_BITS ? Long.MAX_VALUE : 1L << (bits + PARTS_BITS + 1);
    boolean near = size >= lower - lower / 8 && size - upper / 8 < upper;
    return near ? ofAverageBits(bits) : now;
  }

  /** min = avg / 4, max = avg * 4 (capped), for an average of 2^bits bytes. */
  public static ChunkSizing ofAverageBits(int bits) {
    if (bits < 8 || bits > MAX_AVG_BITS) {
      throw new IllegalArgumentException("average chunk bits out of range: " + bits);
    }
    int avg = 1 << bits;
    return new ChunkSizing(avg / 4, avg, Math.min(Limits.MAX_CHUNK_BYTES, avg * 4));
  }

  /** log2 of the average. */
  public int avgBits() {
    return Integer.numberOfTrailingZeros(avg);
  }
}
