package io.ppnode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.api.Results.ScanResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an edit costs on the wire, with a real owner and member on loopback: an insertion into a
 * large file sends only the chunks around it, and a renamed, moved or copied file sends nothing,
 * because the member copies chunks it already holds.
 */
class DeltaSyncIntegrationTest {
  static final int MIB = 1 << 20;
  @TempDir Path tmp;
  Path source;
  Path copy;
  ServingNode owner;
  NodeApi member;

  @AfterEach
  void stop() {
    if (member != null) {
      member.close();
    }
    if (owner != null) {
      owner.close();
    }
  }

  /** Shares {@code source} (already filled) and joins it from a fresh member into {@code copy}. */
  private PullResult shareAndJoin() {
    owner = ServingNode.start(tmp.resolve("owner-home"), Optional.of("127.0.0.1:0"));
    owner.api().share(source, Optional.of("proj"));
    member = LocalNode.open(tmp.resolve("member-home"));
    String token = owner.api().invite("proj", Duration.ofHours(1), 1, List.of()).token();
    return member.join(token, copy, ProgressListener.NONE);
  }

  private PullResult rescanAndPull() {
    owner.api().scan(Optional.of("proj"));
    PullResult r = member.pull(Optional.empty(), ProgressListener.NONE).get(0);
    assertTrue(r.inSync());
    return r;
  }

  @Test
  @Timeout(300)
  void aHundredBytesInsertedIntoA256MiBFileSendOnlyTheChunksAroundThem() throws Exception {
    source = Files.createDirectories(tmp.resolve("source"));
    copy = tmp.resolve("copy");
    Path big = source.resolve("disk.img");
    writeRandom(big, 256L * MIB, 0x5eed);
    PullResult joined = shareAndJoin();
    assertEquals(256L * MIB, joined.bytesReceived());

    insert(big, 10L * MIB, new byte[100]);
    long t0 = System.nanoTime();
    ScanResult scanned = owner.api().scan(Optional.of("proj")).get(0);
    long t1 = System.nanoTime();
    PullResult pulled = member.pull(Optional.empty(), ProgressListener.NONE).get(0);
    long t2 = System.nanoTime();
    System.out.printf("256 MiB + 100 B at 10 MiB: rescan %.2f s, pull %.2f s, received %d B, reused %d B%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, pulled.bytesReceived(), pulled.bytesReusedLocally());
    // The serving owner's watcher may publish the edit before this scan does: one of them does.
    assertTrue(scanned.filesChanged() <= 1, "scan changed " + scanned.filesChanged());
    assertEquals(1, pulled.filesUpdated());
    assertTrue(pulled.bytesReceived() < 2 * MIB, "sent " + pulled.bytesReceived() + " bytes");
    assertTrue(pulled.bytesReusedLocally() > 250L * MIB, "reused " + pulled.bytesReusedLocally());
    assertEquals(Trees.digest(source), Trees.digest(copy));
  }

  @Test
  @Timeout(120)
  void aRenamedFileAndAMovedDirectorySendNoContent() throws Exception {
    source = Files.createDirectories(tmp.resolve("source"));
    copy = tmp.resolve("copy");
    writeRandom(source.resolve("report.bin"), 3L * MIB + 17, 1);
    Files.createDirectories(source.resolve("old/inner"));
    writeRandom(source.resolve("old/inner/a.bin"), 100_000, 2);
    writeRandom(source.resolve("old/b.bin"), MIB, 3);
    shareAndJoin();

    Files.move(source.resolve("report.bin"), source.resolve("report-final.bin"));
    Files.move(source.resolve("old"), source.resolve("new"));
    PullResult pulled = rescanAndPull();
    assertEquals(3, pulled.filesUpdated());
    assertEquals(0, pulled.bytesReceived());
    assertEquals(3L * MIB + 17 + 100_000 + MIB, pulled.bytesReusedLocally());
    assertEquals(Trees.digest(source), Trees.digest(copy));
  }

  @Test
  @Timeout(120)
  void aCopiedFileSendsNoContent() throws Exception {
    source = Files.createDirectories(tmp.resolve("source"));
    copy = tmp.resolve("copy");
    writeRandom(source.resolve("photo.raw"), 5L * MIB + 3, 4);
    writeRandom(source.resolve("note.txt"), 1000, 5);
    shareAndJoin();

    Files.createDirectories(source.resolve("backup"));
    Files.copy(source.resolve("photo.raw"), source.resolve("backup/photo.raw"));
    Files.copy(source.resolve("note.txt"), source.resolve("backup/note.txt"));
    PullResult pulled = rescanAndPull();
    assertEquals(2, pulled.filesUpdated());
    assertEquals(0, pulled.bytesReceived());
    assertEquals(Trees.digest(source), Trees.digest(copy));
  }

  /** Writes {@code size} bytes of a seeded xorshift64* stream, 1 MiB at a time. */
  static void writeRandom(Path p, long size, long seed) throws IOException {
    long x = seed * 0x9E3779B97F4A7C15L | 1;
    byte[] piece = new byte[MIB];
    ByteBuffer longs = ByteBuffer.wrap(piece);
    try (OutputStream out = Files.newOutputStream(p)) {
      for (long left = size; left > 0; left -= piece.length) {
        longs.clear();
        while (longs.hasRemaining()) {
          x ^= x >>> 12;
          x ^= x << 25;
          x ^= x >>> 27;
          longs.putLong(x * 0x2545F4914F6CDD1DL);
        }
        out.write(piece, 0, (int) Math.min(left, piece.length));
      }
    }
  }

  /** Rewrites {@code p} with {@code extra} inserted at {@code at}, streaming, as an editor would save it. */
  static void insert(Path p, long at, byte[] extra) throws IOException {
    Path next = p.resolveSibling(p.getFileName() + ".new");
    try (FileChannel in = FileChannel.open(p);
        FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      transfer(in, 0, at, out);
      out.write(ByteBuffer.wrap(extra));
      transfer(in, at, in.size() - at, out);
    }
    Files.move(next, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void transfer(FileChannel in, long from, long count, FileChannel out) throws IOException {
    for (long done = 0; done < count; ) {
      done += in.transferTo(from + done, count - done, out);
    }
  }
}
