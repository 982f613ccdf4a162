package io.ppnode.node.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry.ChunkRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of the content-defined chunker over seeded random data: same input, same chunks,
 * however the stream is read; size bounds; boundaries that survive insertions and deletions;
 * and a known answer that pins the exact rule.
 */
class ChunkerTest {
  /** Small sizes keep the tests quick; the rule is the same at every size. */
  static final ChunkSizing SMALL = ChunkSizing.ofAverageBits(13); // 2 KiB / 8 KiB / 32 KiB

  static byte[] random(long seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static List<ChunkRef> chunks(byte[] data, ChunkSizing sizing, int readSize, InputStreamKind kind)
      throws IOException {
    List<ChunkRef> out = new ArrayList<>();
    MessageDigest md = sha256();
    InputStream in = kind == InputStreamKind.TRICKLE ? new Trickle(data, 99) : new ByteArrayInputStream(data);
    long total =
        new Chunker(sizing, readSize)
            .split(in, kind == InputStreamKind.NO_HINT ? 0 : data.length, (offset, buf, from, length) -> {
              md.update(buf, from, length);
              out.add(new ChunkRef(offset, length, ChunkHash.of(md.digest())));
            });
    assertEquals(data.length, total);
    return out;
  }

  static List<ChunkRef> chunks(byte[] data, ChunkSizing sizing) throws IOException {
    return chunks(data, sizing, Chunker.DEFAULT_READ_SIZE, InputStreamKind.HINTED);
  }

  enum InputStreamKind { HINTED, NO_HINT, TRICKLE }

  /** Hands out the data in short reads of random length, as a pipe or a slow disk might. */
  static final class Trickle extends InputStream {
    private final byte[] data;
    private final Random r;
    private int pos;

    Trickle(byte[] data, long seed) {
      this.data = data;
      this.r = new Random(seed);
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + r.nextInt(3000)), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  @Test
  void sameInputSameChunksAcrossRunsAndReadPatterns() throws Exception {
    byte[] data = random(1, 1 << 20);
    List<ChunkRef> reference = chunks(data, SMALL);
    assertEquals(reference, chunks(data, SMALL));
    for (int readSize : new int[] {1, 7, 4096, 65_537}) {
      assertEquals(reference, chunks(data, SMALL, readSize, InputStreamKind.HINTED), "read size " + readSize);
      assertEquals(reference, chunks(data, SMALL, readSize, InputStreamKind.NO_HINT), "no hint, " + readSize);
    }
    assertEquals(reference, chunks(data, SMALL, 1 << 20, InputStreamKind.TRICKLE));
  }

  @Test
  void chunksCoverTheInputWithinTheSizeBounds() throws Exception {
    for (int bits = 10; bits <= 16; bits += 3) {
      ChunkSizing s = ChunkSizing.ofAverageBits(bits);
      for (long seed = 1; seed <= 3; seed++) {
        byte[] data = random(seed, (1 << 20) + (int) seed * 12_345);
        assertBounds(s, data, chunks(data, s));
      }
      // Data with no entropy never satisfies the hash; chunks must then stop at max.
      byte[] zeros = new byte[300_000];
      assertBounds(s, zeros, chunks(zeros, s));
    }
  }

  @Test
  void averageChunkIsNearTheTarget() throws Exception {
    byte[] data = random(5, 8 << 20);
    List<ChunkRef> c = chunks(data, SMALL);
    double mean = (double) data.length / c.size();

    // Normalized chunking keeps the mean close to avg (cut-point skipping adds about min/2).
    assertTrue(mean > SMALL.avg() * 0.8 && mean < SMALL.avg() * 1.5, "mean chunk " + mean);
  }

  private static void assertBounds(ChunkSizing s, byte[] data, List<ChunkRef> chunks) {
    long next = 0;
    for (int i = 0; i < chunks.size(); i++) {
      ChunkRef c = chunks.get(i);
      assertEquals(next, c.offset());
      assertTrue(c.length() <= s.max(), "chunk " + i + " longer than max: " + c.length());
      boolean last = i == chunks.size() - 1;
      assertTrue(last ? c.length() >= 1 : c.length() >= s.min(), "chunk " + i + " too short: " + c.length());
      next += c.length();
    }
    assertEquals(data.length, next);
  }

  @Test
  void boundariesSurviveInsertionsAndDeletions() throws Exception {
    // Resync: after an edit, the cuts line up again once one cut falls where it fell before.
    long resync = 4L * SMALL.max();
    Random r = new Random(11);
    for (int trial = 0; trial < 24; trial++) {
      byte[] base = random(100 + trial, 2 << 20);
      int at = 200_000 + r.nextInt(base.length - 400_000);
      int delta = switch (trial % 4) {
        case 0 -> 1;
        case 1 -> 100;
        case 2 -> -1;
        default -> -(1 + r.nextInt(5000));
      };
      byte[] edited = delta > 0 ? insert(base, at, random(trial, delta)) : delete(base, at, -delta);
      List<ChunkRef> before = chunks(base, SMALL);
      Set<ChunkRef> after = new HashSet<>(chunks(edited, SMALL));
      long fresh = 0;
      Set<ChunkHash> old = new HashSet<>();
      before.forEach(c -> old.add(c.sha256()));
      for (ChunkRef c : after) {
        fresh += old.contains(c.sha256()) ? 0 : c.length();
      }
      for (ChunkRef c : before) {
        if (c.offset() + c.length() < at - SMALL.max()) {
          assertTrue(after.contains(c), "trial " + trial + ": chunk before the edit moved: " + c);
        } else if (c.offset() > at + SMALL.max() + resync) {
          ChunkRef shifted = new ChunkRef(c.offset() + delta, c.length(), c.sha256());
          assertTrue(after.contains(shifted), "trial " + trial + ": chunk after the edit did not resync: " + c);
        }
      }
      // What a member would fetch: the few chunks around the edit, not the file.
      assertTrue(fresh <= 3L * SMALL.max(), "trial " + trial + ": " + fresh + " new bytes");
    }
  }

  static byte[] insert(byte[] base, int at, byte[] extra) {
    byte[] out = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, out, at, extra.length);
    System.arraycopy(base, at, out, at + extra.length, base.length - at);
    return out;
  }

  static byte[] delete(byte[] base, int at, int n) {
    byte[] out = new byte[base.length - n];
    System.arraycopy(base, 0, out, 0, at);
    System.arraycopy(base, at + n, out, at, base.length - at - n);
    return out;
  }

  /**
   * Pins the rule: the gear table, the masks and the loop. If this fails, boundaries changed and
   * every owner would re-chunk every file after an upgrade; change it only on purpose.
   */
  @Test
  void knownAnswer() throws Exception {
    assertEquals("9688b8c90ce45de2 166dd3653932cd3d", HexFormat.of().toHexDigits(Chunker.gear(0)) + " " + HexFormat.of().toHexDigits(Chunker.gear(255)));
    List<ChunkRef> c = chunks(random(1234, 200_000), SMALL);
    // Also computed by an independent Python transcription of docs/protocol.md section 7.
    assertEquals(
        List.of(12735, 6162, 17421, 12424, 9575, 9185, 10712, 10483, 9037, 10185, 8550, 11660, 11014,
            8300, 3276, 12310, 8453, 7089, 10650, 8732, 2047),
        c.stream().map(ChunkRef::length).toList());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
