package io.ppnode.node.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ppnode.node.chunk.ChunkSizing;
import io.ppnode.node.chunk.Chunker;
import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry.ChunkRef;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hasher gives the same chunks and file hash whether the digests run inline (a file of one
 * chunk) or on other threads beside the reading (a larger file): the same as cutting the bytes
 * with the chunker and hashing them one after the other.
 */
class FileHasherTest {
  private static final ChunkSizing SMALL = ChunkSizing.ofAverageBits(13); // 2 KiB / 8 KiB / 32 KiB
  private final ExecutorService digests = Executors.newFixedThreadPool(2);
  @TempDir Path dir;

  @AfterEach
  void stop() {
    digests.shutdownNow();
  }

  @Test
  void aFileOfManyChunksHashesAsTheChunkerCutsIt() throws Exception {
    byte[] data = new byte[3 << 20];
    new Random(7).nextBytes(data);
    Path f = Files.write(dir.resolve("big"), data);

    FileHasher.Hashed got = FileHasher.hash(f, data.length, SMALL, digests);

    assertEquals(expectedChunks(data, SMALL), got.chunks());
    assertEquals(fileHash(expectedChunks(data, SMALL)), got.sha256());
    assertEquals(data.length, got.bytesRead());
  }

  @Test
  void aFileOfOneChunkHashesTheSameInline() throws Exception {
    byte[] data = new byte[20_000];
    new Random(8).nextBytes(data);
    Path f = Files.write(dir.resolve("small"), data);

    FileHasher.Hashed got = FileHasher.hash(f, data.length, SMALL, digests);

    assertEquals(expectedChunks(data, SMALL), got.chunks());
    assertEquals(fileHash(expectedChunks(data, SMALL)), got.sha256());
  }

  private static List<ChunkRef> expectedChunks(byte[] data, ChunkSizing sizing) throws Exception {
    List<ChunkRef> out = new ArrayList<>();
    new Chunker(sizing).split(new ByteArrayInputStream(data), data.length,
        (offset, buf, from, length) -> out.add(new ChunkRef(offset, length, sha256(buf, from, length))));
    return out;
  }

  /** The file hash rule of docs/protocol.md 7, written out: SHA-256 of the chunk hashes in order. */
  private static ChunkHash fileHash(List<ChunkRef> chunks) {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    chunks.forEach(c -> all.writeBytes(c.sha256().bytes()));
    byte[] b = all.toByteArray();
    return sha256(b, 0, b.length);
  }

  private static ChunkHash sha256(byte[] b, int from, int length) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(b, from, length);
      return ChunkHash.of(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
