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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both nodes serving, on 127.0.0.1, as people run them: an edit on the owner reaches the member
 * with nobody running scan or pull. The owner's watcher rescans the folder, the scan wakes the
 * member's open INDEX_WATCH, and the member pulls over the same connection.
 */
@Timeout(120)
class LiveSyncTest {
  /** The promise: a file written on the owner appears on a serving member within 3 s. */
  static final Duration LIVE = Duration.ofSeconds(3);

  @TempDir Path tmp;

  @Test
  void ownerEditsReachAServingMemberWithinSeconds() throws Exception {
    Path source = tmp.resolve("source");
    ShareJoinIntegrationTest.generate(source);
    Path copy = tmp.resolve("copy");
    try (ServingNode owner = ServingNode.start(tmp.resolve("owner"), Optional.of("127.0.0.1:0"))) {
      NodeApi o = owner.api();
      o.share(source, Optional.of("proj"));
      String token = o.invite("proj", Duration.ofHours(1), 1, List.of()).token();
      try (NodeApi m = LocalNode.open(tmp.resolve("member"))) {
        assertTrue(m.join(token, copy, ProgressListener.NONE).inSync());
      }
      try (ServingNode member = ServingNode.start(tmp.resolve("member"), Optional.of("127.0.0.1:0"))) {
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
