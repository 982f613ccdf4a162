package io.ppnode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both nodes serving, on 127.0.0.1, as people run them: an edit on the owner reaches the member
 * with nobody running scan or pull. The owner's watcher rescans the folder, the scan wakes the
 * member's open INDEX_WATCH, and the member pulls over the same connection. The member's own
 * watcher keeps its in-sync pulls from statting an unchanged folder.
 */
@Timeout(120)
class LiveSyncTest {
  /** The promise: a file written on the owner appears on a serving member within 3 s. */
  static final Duration LIVE = Duration.ofSeconds(3);

  @TempDir Path tmp;

  @Test
  void ownerEditsReachAServingMemberWithinSeconds() throws Exception {
    Path source = tmp.resolve("source");
    Path copy = tmp.resolve("copy");
    withServingPair(source, copy, member -> {
      // Written after the member serves: the watch it opens first must not miss it.
      Files.writeString(source.resolve("new.txt"), "written on the owner\n");
      Await.until("new.txt on the member", LIVE, () -> "written on the owner\n".equals(read(copy.resolve("new.txt"))));

      Files.createDirectories(source.resolve("fresh/dir"));
      Files.writeString(source.resolve("fresh/dir/deep.txt"), "in a directory made just now\n");
      Await.until("a file in a new directory", LIVE, () -> Files.exists(copy.resolve("fresh/dir/deep.txt")));

      Files.writeString(source.resolve("new.txt"), "edited\n");
      Await.until("the edit", LIVE, () -> "edited\n".equals(read(copy.resolve("new.txt"))));

      Files.delete(source.resolve("new.txt"));
      Await.until("the deletion", LIVE, () -> !Files.exists(copy.resolve("new.txt")));
      assertEquals(Trees.digest(source), Trees.digest(copy));
    });
  }

  /**
   * A serving member watches its own folder: a pull with nothing changed there skips the stat
   * of every file, and an edit or a deletion the member makes is still seen and put back by the
   * next pull, the edit kept as a conflict copy.
   */
  @Test
  void aServingMemberSkipsTheStatOfAnUnchangedFolderAndStillPutsBackLocalEdits() throws Exception {
    Path source = tmp.resolve("source");
    Path copy = tmp.resolve("copy");
    Duration watchUp = Duration.ofSeconds(10);
    withServingPair(source, copy, member -> {
      NodeApi m = member.api();
      // Once the watch is up, one full check finds nothing; the pulls after it skip the stat.
      Await.until("a pull that skips the check", watchUp, () -> {
        m.pull(Optional.of("proj"), ProgressListener.NONE);
        return member.localEditChecksSkipped() > 0;
      });

      Files.writeString(copy.resolve("README.txt"), "my local notes");
      Files.delete(copy.resolve("a/b/small-3.bin"));
      Await.until("the owner's versions put back", watchUp, () -> {
        m.pull(Optional.of("proj"), ProgressListener.NONE);
        return Files.exists(copy.resolve("a/b/small-3.bin")) && "hello".equals(read(copy.resolve("README.txt")));
      });
      List<Path> conflicts;
      try (Stream<Path> s = Files.list(copy)) {
        conflicts = s.filter(p -> p.getFileName().toString().startsWith("README.ppconflict-")).toList();
      }
      assertEquals(1, conflicts.size(), "the local edit is kept");
      assertEquals("my local notes", Files.readString(conflicts.get(0)));
      Files.delete(conflicts.get(0));
      assertEquals(Trees.digest(source), Trees.digest(copy));
    });
  }

  /** What a test does with a serving member of a project its serving owner shares. */
  private interface WithMember {
    void run(ServingNode member) throws Exception;
  }

  /**
   * An owner serving {@code source} (generated) as "proj", a member that joined it into
   * {@code copy} and then serves too, both on 127.0.0.1; runs {@code test} with the member.
   */
  private void withServingPair(Path source, Path copy, WithMember test) throws Exception {
    ShareJoinIntegrationTest.generate(source);
    try (ServingNode owner = ServingNode.start(tmp.resolve("owner"), Optional.of("127.0.0.1:0"))) {
      NodeApi o = owner.api();
      o.share(source, Optional.of("proj"));
      String token = o.invite("proj", Duration.ofHours(1), 1, List.of()).token();
      try (NodeApi m = LocalNode.open(tmp.resolve("member"))) {
        assertTrue(m.join(token, copy, ProgressListener.NONE).inSync());
      }
      try (ServingNode member = ServingNode.start(tmp.resolve("member"), Optional.of("127.0.0.1:0"))) {
        test.run(member);
      }
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
