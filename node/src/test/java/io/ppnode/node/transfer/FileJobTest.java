package io.ppnode.node.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file assembled from chunks written in any order on several threads is the owner's file, and
 * one that lacks a chunk is never taken for whole. What a force returns was written before it.
 */
class FileJobTest {
  private static final int CHUNK = 64 << 10;
  @TempDir Path tmp;

  private static FileEntry entryOf(byte[] data) throws Exception {
    List<FileEntry.ChunkRef> chunks = new ArrayList<>();
    for (int off = 0; off < data.length; off += CHUNK) {
      int len = Math.min(CHUNK, data.length - off);
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data, off, len);
      chunks.add(new FileEntry.ChunkRef(off, len, ChunkHash.of(md.digest())));
    }
    MessageDigest whole = MessageDigest.getInstance("SHA-256");
    return new FileEntry("f.bin", FileEntry.Kind.FILE, data.length, 0, 0644, ChunkHash.of(whole.digest(data)), 1, false,
        chunks);
  }

  private static ByteBuffer[] bytesOf(byte[] data, FileEntry.ChunkRef c) {
    return new ByteBuffer[] {ByteBuffer.wrap(data, (int) c.offset(), c.length()).slice()};
  }

  @Test
  void chunksWrittenOutOfOrderOnManyThreadsMakeTheOwnersFile() throws Exception {
    byte[] data = new byte[40 * CHUNK + 123];
    new Random(3).nextBytes(data);
    FileEntry e = entryOf(data);
    List<FileEntry.ChunkRef> shuffled = new ArrayList<>(e.chunks());
    Collections.shuffle(shuffled, new Random(4));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Long> forced = Collections.synchronizedList(new ArrayList<>());
    try (FileJob job = new FileJob(e, tmp, "f.part", false)) {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (FileEntry.ChunkRef c : shuffled) {
        writes.add(CompletableFuture.runAsync(() -> {
          try {
            assertTrue(FileJob.matches(c.sha256(), bytesOf(data, c)));
            job.write(c, bytesOf(data, c));
            forced.addAll(job.force().offsets());
          } catch (IOException x) {
            throw new java.io.UncheckedIOException(x);
          }
        }, pool));
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
      job.verify();
    } finally {
      pool.shutdownNow();
    }
    assertArrayEquals(data, Files.readAllBytes(tmp.resolve("f.part")));
    // Every chunk was forced exactly once, by whichever force came after its write.
    assertEquals(e.chunks().size(), forced.size());
    assertEquals(e.chunks().size(), new HashSet<>(forced).size());
  }

  @Test
  void aFileMissingAChunkIsNotWhole() throws Exception {
    byte[] data = new byte[3 * CHUNK];
    new Random(5).nextBytes(data);
    FileEntry e = entryOf(data);
    try (FileJob job = new FileJob(e, tmp, "g.part", false)) {
      job.write(e.chunks().get(0), bytesOf(data, e.chunks().get(0)));
      job.write(e.chunks().get(2), bytesOf(data, e.chunks().get(2)));
      IOException x = assertThrows(IOException.class, job::verify);
      assertTrue(x.getMessage().contains("missing 1 chunk"), x.getMessage());
      job.write(e.chunks().get(1), bytesOf(data, e.chunks().get(1)));
      job.verify();
    }
    assertArrayEquals(data, Files.readAllBytes(tmp.resolve("g.part")));
  }
}
