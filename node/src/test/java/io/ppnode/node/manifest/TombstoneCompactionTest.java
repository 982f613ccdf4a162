package io.ppnode.node.manifest;

import static io.ppnode.node.manifest.Fixtures.file;
import static io.ppnode.node.manifest.Fixtures.project;
import static io.ppnode.node.manifest.Fixtures.tombstone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tombstone rule on a real H2 file: a deletion stays until every current member has applied
 * it, so a member that was offline for a week still learns of it; then it goes, so a project's
 * deletions do not pile up for ever.
 */
class TombstoneCompactionTest {
  @TempDir Path tmp;
  Manifest m;

  @BeforeEach
  void open() {
    m = Manifest.open(tmp.resolve("home"));
    m.insertProject(project("p", "proj", tmp));
    m.putFiles("p", List.of(file("kept.txt", 1, 1), tombstone("old", 2), tombstone("newer", 5)), 5);
    m.addMember("p", "alice");
    m.addMember("p", "bob");
  }

  @AfterEach
  void close() {
    m.close();
  }

  @Test
  void aTombstoneStaysUntilEveryMemberHasAppliedIt() {
    m.memberApplied("p", "alice", 5);
    m.memberApplied("p", "bob", 2);
    assertEquals(1, m.compactTombstones("p"), "only the tombstone bob has applied");
    assertTrue(m.file("p", "old").isEmpty());
    assertTrue(m.file("p", "newer").orElseThrow().deleted(), "bob, offline, has not seen it yet");

    m.memberApplied("p", "bob", 1); // an older since never lowers what was recorded
    assertEquals(0, m.compactTombstones("p"));
    m.memberApplied("p", "bob", 5);
    assertEquals(1, m.compactTombstones("p"));
    assertEquals(List.of("kept.txt"), m.files("p").stream().map(e -> e.path()).toList(), "live entries stay");
  }

  @Test
  void theFileStatesKeptBetweenScansFollowEveryWriteAndCompaction() {
    assertEquals(java.util.Set.of("kept.txt", "old", "newer"), m.fileStates("p").keySet());
    m.putFiles("p", List.of(file("added.txt", 6, 1)), 6);
    assertTrue(m.fileStates("p").containsKey("added.txt"), "a write is seen by the next read");
    m.memberApplied("p", "alice", 6);
    m.memberApplied("p", "bob", 6);
    assertEquals(2, m.compactTombstones("p"));
    assertEquals(java.util.Set.of("kept.txt", "added.txt"), m.fileStates("p").keySet(),
        "compacted tombstones are gone from the states too");
  }

  @Test
  void aMemberThatNeverPullsHoldsTombstonesUntilItIsRevoked() {
    m.memberApplied("p", "alice", 5);
    assertEquals(0, m.compactTombstones("p"), "bob has applied nothing");
    m.revokeMember("p", "bob", java.time.Instant.now());
    assertEquals(2, m.compactTombstones("p"));
  }
}
