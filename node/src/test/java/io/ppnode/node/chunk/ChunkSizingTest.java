package io.ppnode.node.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.protocol.Limits;
import org.junit.jupiter.api.Test;

/** The size rule of docs/protocol.md section 7, value by value. */
class ChunkSizingTest {
  static final long KIB = 1 << 10;
  static final long MIB = 1 << 20;
  static final long GIB = 1L << 30;

  @Test
  void smallFilesAreOneChunk() {
    ChunkSizing s = ChunkSizing.forFileSize(256 * KIB);
    assertEquals(256 * KIB, s.min());
    assertEquals(256 * KIB, s.max());
    assertEquals(s, ChunkSizing.forFileSize(0));
  }

  @Test
  void averageGrowsWithTheSizeClass() {
    assertEquals(64 * KIB, ChunkSizing.forFileSize(256 * KIB + 1).avg());
    assertEquals(64 * KIB, ChunkSizing.forFileSize(256 * MIB - 1).avg());
    assertEquals(128 * KIB, ChunkSizing.forFileSize(256 * MIB).avg());
    assertEquals(512 * KIB, ChunkSizing.forFileSize(GIB).avg());
    assertEquals(4 * MIB, ChunkSizing.forFileSize(8 * GIB).avg());
    ChunkSizing huge = ChunkSizing.forFileSize(100 * GIB);
    assertEquals(4 * MIB, huge.avg());
    assertEquals(1 * MIB, huge.min());
    assertEquals(Limits.MAX_CHUNK_BYTES, huge.max());
    assertTrue(100 * GIB / huge.avg() < 100_000, "a 100 GiB file stays under 100k chunks");
  }

  @Test
  void aSmallEditKeepsTheClass() {
    long size = 300 * MIB + 3;
    assertEquals(ChunkSizing.forFileSize(size), ChunkSizing.forFileSize(size + 100));
    assertEquals(ChunkSizing.forFileSize(size), ChunkSizing.forFileSize(size - 100));
  }

  @Test
  void aFileAtAPowerOfTwoKeepsItsClassWhenEditedAcrossIt() {
    long size = 256 * MIB; // class 17 (128 KiB)
    int chunks = (int) (size / (128 * KIB * 1.14));
    // 100 bytes removed would be class 16 by size alone; the previous chunks keep it at 17.
    assertEquals(64 * KIB, ChunkSizing.forFileSize(size - 100).avg());
    assertEquals(128 * KIB, ChunkSizing.forFileSize(size - 100, size, chunks).avg());
    // And back: a class-17 file now below the boundary stays 17 on the next edit too.
    assertEquals(128 * KIB, ChunkSizing.forFileSize(size - 50, size - 100, chunks).avg());
    // Far below the boundary, the size decides again.
    assertEquals(64 * KIB, ChunkSizing.forFileSize(200 * MIB, size, chunks).avg());
    // A file chunked at 64 KiB that grows just past 256 MiB stays at 64 KiB.
    int small = (int) (size / (64 * KIB * 1.14));
    assertEquals(64 * KIB, ChunkSizing.forFileSize(size + 100, size - 100, small).avg());
    assertEquals(128 * KIB, ChunkSizing.forFileSize(300 * MIB, size - 100, small).avg());
  }

  @Test
  void boundsFollowTheAverage() {
    ChunkSizing s = ChunkSizing.forFileSize(GIB);
    assertEquals(s.avg() / 4, s.min());
    assertEquals(s.avg() * 4, s.max());
    assertEquals(19, s.avgBits());
  }
}
