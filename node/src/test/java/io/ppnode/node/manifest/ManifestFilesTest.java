package io.ppnode.node.manifest;

import static io.ppnode.node.manifest.Fixtures.dir;
import static io.ppnode.node.manifest.Fixtures.file;
import static io.ppnode.node.manifest.Fixtures.project;
import static io.ppnode.node.manifest.Fixtures.sha;
import static io.ppnode.node.manifest.Fixtures.tombstone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.protocol.FileEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestFilesTest {
  @TempDir Path tmp;
  Manifest m;

  @BeforeEach
  void open() {
    m = Manifest.open(tmp.resolve("home"));
    m.insertProject(project("p", "proj", tmp));
    m.insertProject(project("q", "other", tmp));
  }

  @AfterEach
  void close() {
    m.close();
  }

  @Test
  void roundTripsEntriesWithChunks() {
    List<FileEntry> in = List.of(file("b/x.txt", 1, 3), dir("b", 2), file("a.txt", 3, 0), tombstone("gone", 4));
    m.putFiles("p", in, 4);
    assertEquals(4, m.project("p").orElseThrow().sequence());
    // Records with ChunkHash values compare by content, so whole entries can be compared.
    assertEquals(List.of(in.get(2), in.get(1), in.get(0), in.get(3)), m.files("p"));
    assertEquals(in.get(0), m.file("p", "b/x.txt").orElseThrow());
    assertEquals(in.get(3), m.file("p", "gone").orElseThrow());
    assertTrue(m.file("p", "nope").isEmpty());
    assertTrue(m.files("q").isEmpty());
    assertEquals(new Manifest.Totals(2, 30), m.totals("p"));
  }

  @Test
  void recordedChunkOffsetsAccumulateAndMayRepeat() {
    PartialTransfer t = new PartialTransfer("big.bin", sha("v1"), 3, "big.part", Instant.EPOCH, Set.of());
    List<Long> first = new ArrayList<>();
    for (long i = 0; i < 500; i++) {
      first.add(i * 4096);
    }
    m.recordVerifiedChunks("p", t, first, Instant.EPOCH);
    // A resumed pull records again an offset whose recorded bytes failed their check.
    m.recordVerifiedChunks("p", t, List.of(0L, 4096L * 500), Instant.EPOCH);
    Set<Long> expected = new HashSet<>(first);
    expected.add(4096L * 500);
    assertEquals(expected, m.partialTransfer("p", "big.bin").orElseThrow().verifiedOffsets());
    // Another entry for the same path starts the record over.
    PartialTransfer newer = new PartialTransfer("big.bin", sha("v2"), 4, "big.part", Instant.EPOCH, Set.of());
    m.recordVerifiedChunks("p", newer, List.of(8192L), Instant.EPOCH);
    assertEquals(Set.of(8192L), m.partialTransfer("p", "big.bin").orElseThrow().verifiedOffsets());
  }

  @Test
  void putReplacesChunkList() {
    m.putFiles("p", List.of(file("f", 1, 5)), 1);
    FileEntry shorter = file("f", 2, 2);
    m.putFiles("p", List.of(shorter), 2);
    assertEquals(shorter, m.file("p", "f").orElseThrow());
    FileEntry dead = tombstone("f", 3);
    m.putFiles("p", List.of(dead), 3);
    assertEquals(List.of(dead), m.files("p"));
    assertEquals(new Manifest.Totals(0, 0), m.totals("p"));
  }

  @Test
  void fileKeysAreKeptPerLiveEntryAndClearedWhenAnEntryIsWrittenWithout() {
    m.putFiles("p", List.of(file("a", 1, 1), file("b", 2, 1)), 2, java.util.Map.of("a", "(dev=1,ino=10)"));
    assertEquals(java.util.Map.of("a", "(dev=1,ino=10)"), m.fileKeys("p"));
    // A key alone moves without touching the entry or the sequence.
    m.putFiles("p", List.of(), 2, java.util.Map.of("a", "(dev=1,ino=11)", "b", "(dev=1,ino=20)"));
    assertEquals(java.util.Map.of("a", "(dev=1,ino=11)", "b", "(dev=1,ino=20)"), m.fileKeys("p"));
    assertEquals(file("a", 1, 1), m.file("p", "a").orElseThrow());
    assertEquals(2, m.project("p").orElseThrow().sequence());
    // An entry written without a key (a member's pull, a tombstone) has none afterwards.
    m.putFiles("p", List.of(tombstone("a", 3)), 3);
    assertEquals(java.util.Map.of("b", "(dev=1,ino=20)"), m.fileKeys("p"));
    assertTrue(m.fileKeys("q").isEmpty());
  }

  @Test
  void filesAfterPagesBySequence() {
    // Sequences deliberately not in path order.
    m.putFiles("p", List.of(file("z", 1, 1), file("a", 2, 2), file("m", 3, 0), dir("d", 4)), 4);
    m.putFiles("q", List.of(file("other", 5, 1)), 5);
    assertEquals(List.of("z", "a"), paths(m.filesAfter("p", 0, 2)));
    assertEquals(List.of("m", "d"), paths(m.filesAfter("p", 2, 2)));
    assertTrue(m.filesAfter("p", 4, 2).isEmpty());
    // Chunks stay with their own file when a page cuts through the chunk rows.
    assertEquals(2, m.filesAfter("p", 1, 1).get(0).chunks().size());
    // Re-putting "z" moves it to the end of the change order.
    m.putFiles("p", List.of(file("z", 5, 1)), 5);
    assertEquals(List.of("a", "m", "d", "z"), paths(m.filesAfter("p", 0, 100)));
  }

  @Test
  void findChunkNamesALiveFileHoldingIt() {
    m.putFiles("p", List.of(file("a", 1, 3), file("b", 2, 1)), 2);
    m.putFiles("q", List.of(file("in-q", 3, 1)), 3);
    assertEquals(new ChunkLocation("a", 20, 10), m.findChunk("p", sha("a#2")).orElseThrow());
    // Another project's chunks are not this project's.
    assertTrue(m.findChunk("p", sha("in-q#0")).isEmpty());
    assertTrue(m.findChunk("p", sha("nowhere")).isEmpty());
    // A deleted file holds nothing any more.
    m.putFiles("p", List.of(tombstone("a", 4)), 4);
    assertTrue(m.findChunk("p", sha("a#2")).isEmpty());
  }

  @Test
  void findChunksListsEveryCopyUpToTheLimit() {
    FileEntry a = file("a", 1, 1);
    FileEntry copy = new FileEntry("copy", a.kind(), a.size(), a.mtime(), a.mode(), a.sha256(), 2, false, a.chunks());
    m.putFiles("p", List.of(a, copy), 2);
    List<ChunkLocation> both = m.findChunks("p", sha("a#0"), 5);
    assertEquals(List.of("a", "copy"), both.stream().map(ChunkLocation::path).sorted().toList());
    assertEquals(1, m.findChunks("p", sha("a#0"), 1).size());
  }

  @Test
  void findChunkUsesTheHashIndex() throws Exception {
    // With 10,000 files a scan of the chunks table would show; read the plan instead of timing.
    try (var c = java.sql.DriverManager.getConnection(
            "jdbc:h2:file:" + m.home().resolve("manifest") + ";FILE_LOCK=NO", "sa", "");
        var s = c.createStatement();
        var rs = s.executeQuery("EXPLAIN SELECT path FROM chunks WHERE project_id = 'p' AND sha256 = X'00'")) {
      rs.next();
      assertTrue(rs.getString(1).toUpperCase().contains("CHUNKS_BY_HASH"), rs.getString(1));
    }
  }

  @Test
  void putForUnknownProjectFailsAndWritesNothing() {
    assertThrows(ManifestException.class, () -> m.putFiles("missing", List.of(file("f", 1, 1)), 1));
    assertTrue(m.files("missing").isEmpty());
  }

  @Test
  void tenThousandEntriesInOneCall() {
    List<FileEntry> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(file(String.format("dir%02d/file%05d", i % 50, i), i + 1, 1 + i % 3));
    }
    long t0 = System.nanoTime();
    m.putFiles("p", many, 10_000);
    long putMs = (System.nanoTime() - t0) / 1_000_000;
    // Again, now as updates of existing rows with their chunks replaced.
    List<FileEntry> again = new ArrayList<>();
    for (FileEntry e : many) {
      again.add(file(e.path(), e.sequence() + 10_000, 2));
    }
    t0 = System.nanoTime();
    m.putFiles("p", again, 20_000);
    long rePutMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(again.get(77), m.file("p", again.get(77).path()).orElseThrow());
    m.putFiles("p", many, 10_000);
    List<FileEntry> back = m.files("p");
    assertEquals(10_000, back.size());
    assertEquals(many.get(1234), m.file("p", many.get(1234).path()).orElseThrow());
    List<FileEntry> page = m.filesAfter("p", 5000, 2000);
    assertEquals(many.subList(5000, 7000), page);
    // Generous bound: only catches a regression to per-row round trips or commits.
    assertTrue(putMs < 30_000, "putFiles took " + putMs + " ms");
    assertTrue(rePutMs < 30_000, "putFiles over existing rows took " + rePutMs + " ms");
    System.out.println("10,000 entries: insert " + putMs + " ms, update " + rePutMs + " ms");
  }

  private static List<String> paths(List<FileEntry> entries) {
    return entries.stream().map(FileEntry::path).toList();
  }
}
