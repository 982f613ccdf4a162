package io.ppnode.node.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.identity.EntrySigner;
import io.ppnode.node.identity.Identity;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.protocol.FileEntry;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner's scan obeys the project's {@code .ppignore}, on a real folder and a real manifest. */
class IgnoredScanTest {
  @TempDir Path tmp;
  Path root;
  Manifest m;
  final Scanner scanner = new Scanner(new EntrySigner(Identity.generate().keyPair().getPrivate()));

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("project"));
    m = Manifest.open(tmp.resolve("home"));
    m.insertProject(new ProjectRecord("p", "proj", Role.OWNER, root, "me", List.of(), 0, null));
  }

  @AfterEach
  void tearDown() {
    m.close();
  }

  private Scanner.Outcome scan() {
    return scanner.scan(m, m.project("p").orElseThrow());
  }

  private void write(String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private List<String> live() {
    return m.files("p").stream().filter(e -> !e.deleted()).map(FileEntry::path).toList();
  }

  @Test
  void ignoredPathsAreNotPublishedButTheRulesFileIs() throws Exception {
    write(".ppignore", "# build output\n*.o\nbuild/\n/secret.txt\nlogs/*\n!logs/keep.txt\n.*\n!.ppnode/\n");
    write("src/main.c", "int main;");
    write("src/main.o", "obj");
    write("build/out/bin", "bin");
    write("secret.txt", "s");
    write("src/secret.txt", "not anchored here");
    write("logs/a.log", "a");
    write("logs/keep.txt", "k");
    write(".env", "TOKEN=x");
    write(".ppnode/tmp/0/x.part", "temp");

    scan();
    assertEquals(List.of(".ppignore", "logs", "logs/keep.txt", "src", "src/main.c", "src/secret.txt"), live());
  }

  @Test
  void aPathThatBecomesIgnoredIsATombstoneAndComesBackWhenTheRuleGoes() throws Exception {
    write("notes.txt", "n");
    write("cache/a.bin", "a");
    write("cache/sub/b.bin", "b");
    long before = scan().sequence();

    write(".ppignore", "cache/\nnotes.txt\n");
    Scanner.Outcome o = scan();
    assertEquals(5, o.deleted(), "notes.txt and cache with everything in it");
    assertEquals(List.of(".ppignore"), live());
    // Members receive them as deletions, deepest first, like any removal.
    assertEquals(List.of("notes.txt", "cache/sub/b.bin", "cache/sub", "cache/a.bin", "cache", ".ppignore"),
        m.filesAfter("p", before, 100).stream().map(FileEntry::path).toList());
    assertTrue(Files.exists(root.resolve("cache/sub/b.bin")), "the owner's files stay on disk");

    Files.writeString(root.resolve(".ppignore"), "notes.txt\n");
    scan();
    assertEquals(List.of(".ppignore", "cache", "cache/a.bin", "cache/sub", "cache/sub/b.bin"), live());
  }

  @Test
  void aPpignoreThatCannotBeReadFailsTheScanRatherThanPublishWhatItHides() throws Exception {
    write("private/key.pem", "k");
    write("open.txt", "o");
    Files.createDirectories(root.resolve(".ppignore"));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, this::scan);
    assertTrue(e.getMessage().contains(".ppignore"), e.getMessage());
    assertTrue(m.files("p").isEmpty());
    assertFalse(m.project("p").orElseThrow().sequence() > 0);
  }
}
