package io.ppnode.node.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The member's own guard against writing outside its project dir or through a link in it. */
class SafePathsTest {
  @TempDir Path tmp;

  @Test
  void aSymlinkedDirectoryOnTheWayIsRefused() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("project"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createDirectories(root.resolve("x"));
    Files.createSymbolicLink(root.resolve("x/a"), outside);
    IOException e = assertThrows(IOException.class, () -> SafePaths.resolveInside(root, "x/a/b/file.txt"));
    assertTrue(e.getMessage().contains("symbolic link x/a"), e.getMessage());
  }

  @Test
  void plainAndNotYetExistingPathsResolveUnderTheRoot() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("project"));
    Files.createDirectories(root.resolve("a"));
    assertEquals(root.resolve("a/b/c.txt"), SafePaths.resolveInside(root, "a/b/c.txt"));
    // The last component may be a link: it is replaced by a rename, not written through.
    Files.createSymbolicLink(root.resolve("a/link"), tmp);
    assertEquals(root.resolve("a/link"), SafePaths.resolveInside(root, "a/link"));
  }

  @Test
  void pathsThatLeaveTheRootAreRefused() {
    Path root = tmp.resolve("project");
    for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "", "."}) {
      assertThrows(IOException.class, () -> SafePaths.resolveInside(root, bad), bad);
    }
  }
}
