package io.ppnode.node.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks of any length at any offset, split over any number of buffers and written in any order,
 * make the same file through the direct path as through the page cache: the aligned interiors
 * and the unaligned heads and tails together cover every byte once.
 */
class DirectWritesTest {
  /** Filesystems known to refuse O_DIRECT; on any other the direct path must be taken. */
  private static final Set<String> NO_DIRECT = Set.of("tmpfs", "ramfs");

  @TempDir Path tmp;

  /** Chunk lengths from 1 byte to 300 KiB, a few exactly one 4 KiB block or a multiple. */
  private static List<long[]> layout(long size, Random rnd) {
    List<long[]> chunks = new ArrayList<>();
    for (long off = 0; off < size; ) {
      long len = switch (rnd.nextInt(6)) {
        case 0 -> 1 + rnd.nextInt(5000);
        case 1 -> 4096L * (1 + rnd.nextInt(8));
        default -> 1 + rnd.nextInt(300 << 10);
      };
      len = Math.min(len, size - off);
      chunks.add(new long[] {off, len});
      off += len;
    }
    return chunks;
  }

  /** {@code len} bytes of {@code data} at {@code off}, cut into 1 to 4 heap buffers. */
  private static ByteBuffer[] pieces(byte[] data, long off, long len, Random rnd) {
    int n = 1 + rnd.nextInt(4);
    List<ByteBuffer> out = new ArrayList<>();
    int start = (int) off;
    int end = (int) (off + len);
    for (int i = 1; i < n && end - start > 1; i++) {
      int cut = start + 1 + rnd.nextInt(end - start - 1);
      out.add(ByteBuffer.wrap(data, start, cut - start).slice());
      start = cut;
    }
    out.add(ByteBuffer.wrap(data, start, end - start).slice());
    return out.toArray(ByteBuffer[]::new);
  }

  @Test
  void anyChunkLayoutWrittenInAnyOrderMakesTheSameFile() throws Exception {
    Random rnd = new Random(11);
    byte[] data = new byte[(int) DirectWrites.MIN_FILE_BYTES + 3 * DirectWrites.BUFFER_BYTES + 1234];
    rnd.nextBytes(data);
    List<long[]> chunks = layout(data.length, rnd);
    Collections.shuffle(chunks, rnd);
    Path f = tmp.resolve("f.part");
    try (FileChannel buffered = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      Optional<DirectWrites> direct = DirectWrites.open(f, data.length);
      String fs = Files.getFileStore(f).type();
      assertTrue(direct.isPresent() || NO_DIRECT.contains(fs), "no direct writes on " + fs);
      assumeTrue(direct.isPresent(), fs + " refuses O_DIRECT");
      ReentrantLock writing = new ReentrantLock();
      try (DirectWrites w = direct.orElseThrow()) {
        for (long[] c : chunks) {
          w.write(buffered, c[0], c[1], pieces(data, c[0], c[1], rnd), writing);
        }
      }
    }
    assertArrayEquals(data, Files.readAllBytes(f));
  }

  @Test
  void aLargeFileJobWrittenOnManyThreadsAndResumedIsTheOwnersFile() throws Exception {
    Random rnd = new Random(12);
    byte[] data = new byte[(int) DirectWrites.MIN_FILE_BYTES + 777];
    rnd.nextBytes(data);
    List<FileEntry.ChunkRef> refs = new ArrayList<>();
    for (long[] c : layout(data.length, rnd)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data, (int) c[0], (int) c[1]);
      refs.add(new FileEntry.ChunkRef(c[0], (int) c[1], ChunkHash.of(md.digest())));
    }
    FileEntry e = new FileEntry("big.bin", FileEntry.Kind.FILE, data.length, 0, 0644,
        ChunkHash.of(MessageDigest.getInstance("SHA-256").digest(data)), 1, false, refs);
    List<FileEntry.ChunkRef> order = new ArrayList<>(refs);
    Collections.shuffle(order, rnd);
    int half = order.size() / 2;
    // A first attempt writes half the chunks and stops; the resumed job keeps them and writes the rest.
    try (FileJob first = new FileJob(e, tmp, "big.part", false)) {
      writeAll(first, order.subList(0, half), data);
      first.force();
    }
    try (FileJob resumed = new FileJob(e, tmp, "big.part", true)) {
      order.subList(0, half).forEach(resumed::keep);
      writeAll(resumed, order.subList(half, order.size()), data);
      resumed.verify();
    }
    assertArrayEquals(data, Files.readAllBytes(tmp.resolve("big.part")));
  }

  private static void writeAll(FileJob job, List<FileEntry.ChunkRef> chunks, byte[] data) {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (FileEntry.ChunkRef c : chunks) {
        writes.add(CompletableFuture.runAsync(() -> {
          try {
            job.write(c, new ByteBuffer[] {ByteBuffer.wrap(data, (int) c.offset(), c.length()).slice()});
          } catch (IOException x) {
            throw new UncheckedIOException(x);
          }
        }, pool));
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdownNow();
    }
  }
}
