package io.ppnode.node.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.ManualClock;
import io.ppnode.node.LocalNode;
import io.ppnode.node.Trees;
import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.PartialTransfer;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.node.net.ScriptedPeer;
import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The member's fetch path against a scripted owner (real shared files, a real owner manifest, a
 * real member H2 file): a pull cut short keeps its verified chunks and the next one fetches only
 * the rest; bad chunks are refetched and a peer sending too many is dropped; transfers that will
 * not resume expire.
 */
@Timeout(120)
class PullResumeTest {
  static final int MIB = 1 << 20;
  @TempDir Path tmp;
  Path source;
  Path copy;
  Manifest owner;
  Manifest member;
  String projectId;
  final ExecutorService disk = Executors.newFixedThreadPool(4);
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeEach
  void share() throws IOException {
    source = Files.createDirectories(tmp.resolve("source"));
    copy = Files.createDirectories(tmp.resolve("copy"));
    writeRandom(source.resolve("big.bin"), 48L * MIB, 1);
    Files.writeString(source.resolve("small.txt"), "small\n");
  }

  private void open() {
    try (NodeApi o = LocalNode.open(tmp.resolve("owner-home"))) {
      projectId = o.share(source, Optional.of("proj")).projectId();
    }
    owner = Manifest.open(tmp.resolve("owner-home"));
    member = Manifest.open(tmp.resolve("member-home"));
    member.insertProject(new ProjectRecord(projectId, "proj", Role.MEMBER, copy, ScriptedPeer.ownerId(owner), List.of(), 0, null));
  }

  @AfterEach
  void close() {
    disk.shutdownNow();
    if (member != null) {
      member.close();
    }
    if (owner != null) {
      owner.close();
    }
  }

  private PullResult pull(ScriptedPeer peer) throws IOException {
    return new Puller(member, disk, ProgressListener.NONE, clock).pull(member.project(projectId).orElseThrow(), peer);
  }

  private FileEntry bigEntry() {
    return owner.file(projectId, "big.bin").orElseThrow();
  }

  private long recordedBytes() {
    PartialTransfer t = member.partialTransfer(projectId, "big.bin").orElseThrow();
    return bigEntry().chunks().stream().filter(c -> t.verifiedOffsets().contains(c.offset()))
        .mapToLong(FileEntry.ChunkRef::length).sum();
  }

  @Test
  void aPullCutShortResumesAndFetchesNoRecordedChunkAgain() throws Exception {
    open();
    IOException cut = assertThrows(IOException.class, () -> pull(new ScriptedPeer(owner, source, 0, 30L * MIB)));
    assertInstanceOf(java.nio.channels.ClosedChannelException.class, cut.getCause(), cut.toString());
    long kept = recordedBytes();
    // Every chunk written before the failure was forced and recorded as the file failed.
    assertTrue(kept >= 30L * MIB - Puller.WINDOW_BYTES, "kept " + kept);
    assertTrue(Files.notExists(copy.resolve("big.bin")), "no partial file in place");
    PartialTransfer t = member.partialTransfer(projectId, "big.bin").orElseThrow();

    ScriptedPeer second = new ScriptedPeer(owner, source);
    PullResult done = pull(second);
    assertTrue(done.inSync());
    for (long offset : t.verifiedOffsets()) {
      assertFalse(second.requested().contains("big.bin@" + offset), "recorded chunk at " + offset + " fetched again");
    }
    assertEquals(48L * MIB - kept + "small\n".length(), done.bytesReceived());
    assertEquals(Trees.digest(source), Trees.digest(copy));
    assertEquals(List.of(), member.partialTransfers(projectId), "installed files leave no transfer rows");
    assertEquals(List.of(), tempFiles(), "no temp files left after a complete pull");
  }

  @Test
  void aRecordedChunkThatNoLongerVerifiesIsFetchedAgain() throws Exception {
    open();
    assertThrows(IOException.class, () -> pull(new ScriptedPeer(owner, source, 0, 20L * MIB)));
    PartialTransfer t = member.partialTransfer(projectId, "big.bin").orElseThrow();
    FileEntry.ChunkRef first = bigEntry().chunks().get(0);
    assertTrue(t.verifiedOffsets().contains(first.offset()));
    try (FileChannel fc = FileChannel.open(copy.resolve(".ppnode/tmp").resolve(t.temp()), StandardOpenOption.WRITE)) {
      fc.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), first.offset() + 7);
    }

    ScriptedPeer second = new ScriptedPeer(owner, source);
    pull(second);
    assertTrue(second.requested().contains("big.bin@" + first.offset()), second.requested().toString());
    assertEquals(Trees.digest(source), Trees.digest(copy));
  }

  @Test
  void corruptChunksAreDiscardedAndRequestedAgain() throws Exception {
    open();
    ScriptedPeer peer = new ScriptedPeer(owner, source, 3, Long.MAX_VALUE);
    PullResult r = pull(peer);
    assertTrue(r.inSync());
    assertEquals(bigEntry().chunks().size() + 1 + 3, peer.requested().size(), "three chunks asked twice");
    assertFalse(peer.closed(), "three bad chunks are within the limit");
    assertEquals(Trees.digest(source), Trees.digest(copy));
  }

  @Test
  void aPeerPastTheBadChunkLimitIsDroppedAndNothingIsInstalled() throws Exception {
    open();
    ScriptedPeer peer = new ScriptedPeer(owner, source, Integer.MAX_VALUE, Long.MAX_VALUE);
    IOException e = assertThrows(IOException.class, () -> pull(peer));
    assertInstanceOf(BadPeerException.class, e.getCause(), e.toString());
    assertTrue(peer.closed(), "the connection was closed");
    assertTrue(Files.notExists(copy.resolve("big.bin")));
    assertTrue(Files.notExists(copy.resolve("small.txt")));
  }

  @Test
  void aStalledTransferWhoseFateIsUnknownExpiresAfterTheTtl() throws Exception {
    open();
    assertThrows(IOException.class, () -> pull(new ScriptedPeer(owner, source, 0, 20L * MIB)));
    PartialTransfer t = member.partialTransfer(projectId, "big.bin").orElseThrow();
    Path tmpDir = copy.resolve(".ppnode/tmp");
    Path temp = tmpDir.resolve(t.temp());
    TempSweeper sweeper = new TempSweeper(member, clock);

    // The fate of big.bin is unknown (the index did not mention it): kept within the TTL.
    clock.now = clock.now.plus(TempSweeper.TTL).minusSeconds(60);
    sweeper.sweep(projectId, tmpDir, Map.of(), false);
    assertTrue(Files.exists(temp));
    assertTrue(member.partialTransfer(projectId, "big.bin").isPresent());

    clock.now = clock.now.plusSeconds(120);
    sweeper.sweep(projectId, tmpDir, Map.of(), false);
    assertTrue(Files.notExists(temp), "expired temp removed");
    assertEquals(List.of(), member.partialTransfers(projectId), "expired row removed");
  }

  @Test
  void aTransferWhoseEntryChangedOnTheOwnerIsDroppedAtOnce() throws Exception {
    open();
    assertThrows(IOException.class, () -> pull(new ScriptedPeer(owner, source, 0, 20L * MIB)));
    PartialTransfer t = member.partialTransfer(projectId, "big.bin").orElseThrow();
    Path temp = copy.resolve(".ppnode/tmp").resolve(t.temp());
    FileEntry old = bigEntry();
    FileEntry changed = new FileEntry(old.path(), old.kind(), old.size(), old.mtime(), old.mode(),
        old.chunks().get(0).sha256(), old.sequence() + 1, false, old.chunks());
    new TempSweeper(member, clock).sweep(projectId, copy.resolve(".ppnode/tmp"), Map.of("big.bin", changed), false);
    assertTrue(Files.notExists(temp));
    assertEquals(List.of(), member.partialTransfers(projectId));
  }

  private List<Path> tempFiles() throws IOException {
    try (Stream<Path> s = Files.walk(copy.resolve(".ppnode/tmp"))) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  static void writeRandom(Path p, long size, long seed) throws IOException {
    Random r = new Random(seed);
    byte[] buf = new byte[MIB];
    try (OutputStream out = Files.newOutputStream(p)) {
      for (long left = size; left > 0; left -= buf.length) {
        r.nextBytes(buf);
        out.write(buf, 0, (int) Math.min(buf.length, left));
      }
    }
  }
}
