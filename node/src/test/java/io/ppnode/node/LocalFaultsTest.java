package io.ppnode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ppnode.node.api.ExitCode;
import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.protocol.FileEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local faults on a member, with real nodes, files and processes: a target folder it may not
 * write into, and a home whose manifest another process holds. Each is one clear error with
 * the documented exit code (1, README), and nothing is half-applied.
 */
@Timeout(120)
class LocalFaultsTest {
  @TempDir Path tmp;

  @Test
  void aTargetFolderTheMemberMayNotWriteFailsThePullAndChangesNothing() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Files.writeString(source.resolve("a.txt"), "first");
    Path copy = tmp.resolve("copy");
    Path memberHome = tmp.resolve("member-home");
    try (ServingNode owner = ServingNode.start(tmp.resolve("owner-home"), Optional.of("127.0.0.1:0"))) {
      owner.api().share(source, Optional.of("proj"));
      String invite = owner.api().invite("proj", Duration.ofHours(1), 1, List.of()).token();
      try (NodeApi member = LocalNode.open(memberHome)) {
        member.join(invite, copy, ProgressListener.NONE);
      }
      Files.writeString(source.resolve("a.txt"), "second, longer");
      Files.writeString(source.resolve("new.txt"), "new");
      owner.api().scan(Optional.of("proj"));
      List<FileEntry> before = filesOf(memberHome);
      long sequenceBefore = sequenceOf(memberHome);

      assumeTrue(denyWrites(copy, true), "needs chattr (as root) or a non-root user to take write access away");
      try (NodeApi member = LocalNode.open(memberHome)) {
        PpnodeException e = assertThrows(PpnodeException.class, () -> member.pull(Optional.empty(), ProgressListener.NONE));
        assertEquals(ExitCode.ERROR, e.exitCode());
        assertTrue(e.getMessage().startsWith("pull of proj failed: 2 file(s) could not be pulled"), e.getMessage());
        assertTrue(e.getMessage().contains(copy.toString()), "names the place it could not write: " + e.getMessage());
      } finally {
        denyWrites(copy, false);
      }
      assertEquals("first", Files.readString(copy.resolve("a.txt")), "the old file is still whole");
      assertTrue(Files.notExists(copy.resolve("new.txt")));
      assertEquals(before, filesOf(memberHome), "the manifest records nothing that was not applied");
      assertEquals(sequenceBefore, sequenceOf(memberHome));

      try (NodeApi member = LocalNode.open(memberHome)) {
        assertTrue(member.pull(Optional.empty(), ProgressListener.NONE).get(0).inSync(), "once writable, it catches up");
      }
      assertEquals(Trees.digest(source), Trees.digest(copy));
    }
  }

  @Test
  void aHomeHeldByAnotherProcessIsAClearErrorAndUsableOnceReleased() throws Exception {
    Path home = tmp.resolve("home");
    Manifest.open(home).close();
    Process holder = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), HomeHolder.class.getName(), home.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("HOLDING", out.readLine());
      PpnodeException e = assertThrows(PpnodeException.class, () -> LocalNode.open(home));
      assertEquals(ExitCode.ERROR, e.exitCode());
      assertTrue(e.getMessage().contains("is in use by another ppnode process"), e.getMessage());
    } finally {
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
    }
    LocalNode.open(home).close();
  }

  private static List<FileEntry> filesOf(Path home) {
    try (Manifest m = Manifest.open(home)) {
      return m.files(m.projects().get(0).id());
    }
  }

  private static long sequenceOf(Path home) {
    try (Manifest m = Manifest.open(home)) {
      return m.projects().get(0).sequence();
    }
  }

  /**
   * Takes away (or gives back) the right to create or replace names in {@code dir}. Root
   * ignores permission bits, so as root the directory is made immutable instead, which the
   * kernel refuses to root too.
   */
  private static boolean denyWrites(Path dir, boolean deny) throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(deny ? "r-xr-xr-x" : "rwxr-xr-x"));
      return true;
    }
    Process p = new ProcessBuilder("chattr", deny ? "+i" : "-i", dir.toString()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
