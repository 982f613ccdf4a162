package io.ppnode.node.manifest;

import static io.ppnode.node.manifest.Fixtures.file;
import static io.ppnode.node.manifest.Fixtures.project;
import static io.ppnode.node.manifest.Fixtures.tombstone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file states a fresh process reads from the home's snapshot are always what the manifest
 * holds: a snapshot is used only under the manifest's current token, which every write of file
 * rows drops, and one that is damaged, or older than the last write, is passed over.
 */
class FileStateSnapshotTest {
  @TempDir Path tmp;
  Path home;

  @BeforeEach
  void seed() {
    home = tmp.resolve("home");
    try (Manifest m = Manifest.open(home)) {
      m.insertProject(project("p", "proj", tmp));
      m.putFiles("p", List.of(file("a.txt", 1, 1), file("b.txt", 2, 2), tombstone("gone", 3)), 3);
      m.fileStates("p"); // the first read after a write leaves the snapshot for the next process
    }
  }

  private Map<String, FileState> statesInANewProcess() {
    try (Manifest m = Manifest.open(home)) {
      return m.fileStates("p");
    }
  }

  private Path snapshot() {
    return home.resolve("file-states").resolve("p");
  }

  private static Map<String, FileState> statesFromTheTable(Path home) throws Exception {
    try (Manifest m = Manifest.open(home)) {
      Files.deleteIfExists(home.resolve("file-states").resolve("p")); // no snapshot: the query answers
      return Map.copyOf(m.fileStates("p"));
    }
  }

  @Test
  void aFreshProcessReadsTheSameStatesFromTheSnapshot() throws Exception {
    assertTrue(Files.isRegularFile(snapshot()));
    Map<String, FileState> fromSnapshot = Map.copyOf(statesInANewProcess());
    assertEquals(Set.of("a.txt", "b.txt", "gone"), fromSnapshot.keySet());
    assertTrue(fromSnapshot.get("gone").deleted());
    assertEquals(statesFromTheTable(home), fromSnapshot);
  }

  @Test
  void pathsBeyondAsciiComeBackAsTheyWere() throws Exception {
    List<String> names = List.of("caf\u00e9/men\u00fa.txt", "\u65e5\u672c/\u30d5\u30a1\u30a4\u30eb.md", "emoji-\ud83d\ude00.bin");
    try (Manifest m = Manifest.open(home)) {
      m.putFiles("p", names.stream().map(n -> file(n, 4, 1)).toList(), 4);
      m.fileStates("p");
    }
    Map<String, FileState> fromSnapshot = Map.copyOf(statesInANewProcess());
    assertTrue(fromSnapshot.keySet().containsAll(names), fromSnapshot.keySet().toString());
    assertEquals(statesFromTheTable(home), fromSnapshot);
  }

  @Test
  void aWriteMakesTheSnapshotStaleEvenIfAnOlderOneIsPutBack() throws Exception {
    byte[] older = Files.readAllBytes(snapshot());
    try (Manifest m = Manifest.open(home)) {
      m.putFiles("p", List.of(file("c.txt", 4, 1), tombstone("a.txt", 4)), 4);
      assertTrue(m.fileStates("p").containsKey("c.txt"));
    }
    Files.write(snapshot(), older); // as if the newer snapshot had never been written
    Map<String, FileState> states = statesInANewProcess();
    assertTrue(states.containsKey("c.txt"), "the older snapshot's token is not the manifest's");
    assertTrue(states.get("a.txt").deleted());
  }

  @Test
  void aWriteWithNoReadAfterItLeavesNoUsableSnapshot() {
    try (Manifest m = Manifest.open(home)) {
      m.putFiles("p", List.of(file("d.txt", 5, 1)), 5);
    }
    assertTrue(statesInANewProcess().containsKey("d.txt"));
  }

  @Test
  void aDamagedSnapshotIsPassedOver() throws Exception {
    Map<String, FileState> right = statesFromTheTable(home);
    for (int at = 12; at < Files.size(snapshot()); at += 7) { // past the magic and version
      byte[] b = Files.readAllBytes(snapshot());
      b[at] ^= 0x40;
      Files.write(snapshot(), b);
      assertEquals(right, Map.copyOf(statesInANewProcess()), "a flipped bit at " + at);
    }
    byte[] b = Files.readAllBytes(snapshot());
    Files.write(snapshot(), java.util.Arrays.copyOf(b, b.length - 3)); // torn
    assertEquals(right, Map.copyOf(statesInANewProcess()));
  }

  @Test
  void statesKeptAcrossWritesAreWhatTheTableHoldsAndTheNextProcessGetsThem() throws Exception {
    try (Manifest m = Manifest.open(home)) {
      m.fileStates("p"); // kept from here on
      m.putFiles("p", List.of(file("c.txt", 4, 1)), 4, Map.of("c.txt", "k-c", "a.txt", "k-a"));
      m.putFiles("p", List.of(tombstone("b.txt", 5), file("a.txt", 5, 3)), 5); // a.txt loses its key
      m.putFiles("p", List.of(), 5, Map.of("c.txt", "k-c2", "nowhere", "k-x")); // only keys move
      Map<String, FileState> kept = Map.copyOf(m.fileStates("p"));
      assertEquals("k-c2", kept.get("c.txt").fileKey());
      assertEquals(null, kept.get("a.txt").fileKey());
      assertTrue(kept.get("b.txt").deleted());
      assertTrue(!kept.containsKey("nowhere"));
    }
    // Saved at close under the manifest's token, so the next process reads them from the file.
    String saved = new String(Files.readAllBytes(snapshot()), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertTrue(saved.contains("k-c2"), "the snapshot holds the last write");
    Map<String, FileState> next = Map.copyOf(statesInANewProcess());
    assertEquals(statesFromTheTable(home), next);
  }
}
