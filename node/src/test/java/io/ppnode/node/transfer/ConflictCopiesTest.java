package io.ppnode.node.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding conflict copies in a real folder, by the names {@link LocalFiles#keepAsConflict} gives. */
class ConflictCopiesTest {
  @TempDir Path root;
  /** No file known to be synced: every entry is looked at. */
  private final Predicate<String> nothingSynced = path -> false;

  private Path write(String rel) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, rel);
  }

  @Test
  void theNamesKeepAsConflictGivesAreRecognised() throws Exception {
    Path a = LocalFiles.keepAsConflict(write("docs/notes.txt"));
    write("docs/notes.txt");
    Path b = LocalFiles.keepAsConflict(root.resolve("docs/notes.txt")); // the same second: "-2"
    Path c = LocalFiles.keepAsConflict(write("Makefile"));
    Path d = LocalFiles.keepAsConflict(write(".bashrc"));
    for (Path p : List.of(a, b, c, d)) {
      assertTrue(ConflictCopies.isConflictCopy(p.getFileName().toString()), p.toString());
    }
    assertTrue(ConflictCopies.isConflictCopy("a.ppconflict-20240131-235959.tar.gz-3"));
    assertFalse(ConflictCopies.isConflictCopy("notes.txt"));
    assertFalse(ConflictCopies.isConflictCopy(".ppconflict-20240131-235959.txt"));
    assertFalse(ConflictCopies.isConflictCopy("a.ppconflict-2024-01-31.txt"));
    assertFalse(ConflictCopies.isConflictCopy("a.ppconflict-20240131-2359590"));
  }

  @Test
  void findListsCopiesAtAnyDepthSortedAndSkipsPpnodeAndSymlinks() throws Exception {
    write("b/deep/x.ppconflict-20240101-120000.txt");
    write("a.ppconflict-20240101-120000");
    write("plain.txt");
    write(".ppnode/tmp/y.ppconflict-20240101-120000.txt");
    Files.createSymbolicLink(root.resolve("link.ppconflict-20240101-120000.txt"), root.resolve("plain.txt"));
    Files.createSymbolicLink(root.resolve("linkdir"), root.resolve("b"));
    assertEquals(List.of("a.ppconflict-20240101-120000", "b/deep/x.ppconflict-20240101-120000.txt"),
        ConflictCopies.find(root, nothingSynced));
  }

  @Test
  void filesKnownToBeSyncedArePassedOverButCopiesBesideThemAreFound() throws Exception {
    write("b/deep/x.ppconflict-20240101-120000.txt");
    write("b/deep/x.txt");
    write("plain.txt");
    write("a.ppconflict-20240101-120000");
    Set<String> synced = Set.of("b/deep/x.txt", "plain.txt", "a.ppconflict-20240101-120000");
    List<String> all = ConflictCopies.find(root, nothingSynced);
    assertEquals(List.of("a.ppconflict-20240101-120000", "b/deep/x.ppconflict-20240101-120000.txt"), all);
    assertEquals(all, ConflictCopies.find(root, synced::contains));
  }

  @Test
  void aMissingFolderHasNone() {
    assertEquals(List.of(), ConflictCopies.find(root.resolve("gone"), nothingSynced));
  }
}
