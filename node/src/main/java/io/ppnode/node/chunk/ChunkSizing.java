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
 * So files up to 256 MiB use 64 KiB-ish chunks (but 256 MiB exactly is 128 KiB), 1 GiB uses
 * 512 KiB, and from 8 GiB on 4 MiB (max 16 MiB = {@link Limits#MAX_CHUNK_BYTES}).
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
