package io.ppnode.node.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.LocalNode;
import io.ppnode.node.Trees;
import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.PartialTransfer;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.node.net.ScriptedPeer;
import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member whose project dir is a small tmpfs this test mounts: the pull that fills it fails with
 * a clear error, replaces or truncates nothing, keeps the partial temp file; once the tmpfs is
 * made bigger the next pull completes and fetches only what was not kept. Needs root to mount;
 * skipped with a message otherwise.
 */
@Timeout(120)
class DiskFullPullTest {
  static final int MIB = 1 << 20;
  @TempDir Path tmp;
  Path mount;
  final ExecutorService disk = Executors.newFixedThreadPool(4);

  @AfterEach
  void unmount() throws Exception {
    disk.shutdownNow();
    if (mount != null) {
      sh("umount", mount.toString());
    }
  }

  @Test
  void aFullDiskFailsThePullCleanlyAndTheNextPullResumesOnceThereIsRoom() throws Exception {
    Path copy = Files.createDirectories(tmp.resolve("copy"));
    Assumptions.assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", copy.toString()) == 0,
        "skipped: cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)");
    mount = copy;
    Path source = Files.createDirectories(tmp.resolve("source"));
    PullResumeTest.writeRandom(source.resolve("doc.bin"), 4L * MIB, 1);
    String projectId;
    try (NodeApi o = LocalNode.open(tmp.resolve("owner-home"))) {
      projectId = o.share(source, Optional.of("proj")).projectId();
    }
    String ownerId;
    try (Manifest owner = Manifest.open(tmp.resolve("owner-home"))) {
      ownerId = ScriptedPeer.ownerId(owner);
    }
    try (Manifest member = Manifest.open(tmp.resolve("member-home"))) {
      member.insertProject(new ProjectRecord(projectId, "proj", Role.MEMBER, copy, ownerId, List.of(), 0, null));
      pull(member, projectId, source);
      byte[] before = Files.readAllBytes(copy.resolve("doc.bin"));

      PullResumeTest.writeRandom(source.resolve("doc.bin"), 4L * MIB, 2);
      PullResumeTest.writeRandom(source.resolve("big.bin"), 40L * MIB, 3);
      try (NodeApi o = LocalNode.open(tmp.resolve("owner-home"))) {
        o.scan(Optional.of("proj"));
      }
      IOException full = assertThrows(IOException.class, () -> pull(member, projectId, source));
      assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
      assertEquals(1, full.getMessage().lines().count(), "one line: " + full.getMessage());
      byte[] after = Files.readAllBytes(copy.resolve("doc.bin"));
      assertTrue(java.util.Arrays.equals(before, after) || java.util.Arrays.equals(after,
          Files.readAllBytes(source.resolve("doc.bin"))), "doc.bin is the old or the new version, whole");
      assertTrue(Files.notExists(copy.resolve("big.bin")), "no partial big.bin in place");
      PartialTransfer kept = member.partialTransfer(projectId, "big.bin").orElseThrow();
      assertTrue(Files.exists(copy.resolve(".ppnode/tmp").resolve(kept.temp())), "the partial temp is kept");
      long keptBytes = keptBytes(tmp.resolve("owner-home"), projectId, kept);
      assertTrue(keptBytes > 8L * MIB, "kept " + keptBytes);

      assertEquals(0, sh("mount", "-o", "remount,size=128m", copy.toString()));
      PullResult done = pull(member, projectId, source);
      assertTrue(done.inSync());
      assertTrue(done.bytesReceived() <= 44L * MIB - keptBytes, "received " + done.bytesReceived());
      assertArrayEquals(Files.readAllBytes(source.resolve("big.bin")), Files.readAllBytes(copy.resolve("big.bin")));
      assertEquals(Trees.digest(source), Trees.digest(copy));
    }
  }

  private PullResult pull(Manifest member, String projectId, Path source) throws IOException {
    try (Manifest owner = Manifest.open(tmp.resolve("owner-home"))) {
      return new Puller(member, disk, ProgressListener.NONE)
          .pull(member.project(projectId).orElseThrow(), new ScriptedPeer(owner, source));
    }
  }

  private static long keptBytes(Path ownerHome, String projectId, PartialTransfer t) {
    try (Manifest owner = Manifest.open(ownerHome)) {
      return owner.file(projectId, "big.bin").orElseThrow().chunks().stream()
          .filter(c -> t.verifiedOffsets().contains(c.offset())).mapToLong(FileEntry.ChunkRef::length).sum();
    }
  }

  private static int sh(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
