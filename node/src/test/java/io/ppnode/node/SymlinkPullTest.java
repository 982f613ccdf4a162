package io.ppnode.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.PpnodeException;
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
 * A member whose project dir holds a symlinked directory ({@code a -> outside}) pulls a new file
 * under {@code a/}: the pull fails with a clear error and nothing is written through the link.
 */
@Timeout(60)
class SymlinkPullTest {
  @TempDir Path tmp;

  @Test
  void aPullNeverWritesThroughASymlinkedDirectory() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source/a"));
    Files.writeString(source.resolve("first.txt"), "one");
    Path copy = tmp.resolve("copy");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    try (ServingNode owner = ServingNode.start(tmp.resolve("owner-home"), Optional.of("127.0.0.1:0"));
        NodeApi member = LocalNode.open(tmp.resolve("member-home"))) {
      owner.api().share(tmp.resolve("source"), Optional.of("proj"));
      member.join(owner.api().invite("proj", Duration.ofHours(1), 1, List.of()).token(), copy, ProgressListener.NONE);
      assertTrue(Files.exists(copy.resolve("a/first.txt")));

      // The member swaps its a/ for a link out of the project; the owner adds a file under a/.
      Files.delete(copy.resolve("a/first.txt"));
      Files.delete(copy.resolve("a"));
      Files.createSymbolicLink(copy.resolve("a"), outside);
      Files.writeString(source.resolve("second.txt"), "two");
      owner.api().scan(Optional.of("proj"));

      PpnodeException e = assertThrows(PpnodeException.class, () -> member.pull(Optional.empty(), ProgressListener.NONE));
      assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
      assertFalse(Files.exists(outside.resolve("second.txt")), "written through the link");
      assertTrue(Files.isSymbolicLink(copy.resolve("a")));
    }
  }
}
