package io.ppnode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.protocol.FileEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay that tampers with the bytes it splices. The member reaches the owner only through
 * {@link TamperingProxy}, a plain TCP splice on 127.0.0.1 in front of a real serving owner: a
 * relay after its control exchange is exactly that (docs/protocol.md section 8), and TLS runs
 * end to end through it. One flipped byte, mid transfer of a multi-chunk file, must fail the
 * pull with a clear error and leave nothing unverified in place or in the manifest; the next
 * pull over an honest path completes.
 */
@Timeout(120)
class TamperedSpliceTest {
  /** Well past the handshake, HELLO and index page, inside the big file's chunks. */
  private static final long FLIP_OFFSET = 1 << 20;

  @TempDir Path tmp;
  ServingNode owner;
  TamperingProxy proxy;

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (owner != null) {
      owner.close();
    }
  }

  @Test
  void aFlippedByteMidTransferFailsThePullAndInstallsNothing() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Files.writeString(source.resolve("small.txt"), "before the tampering");
    owner = ServingNode.start(tmp.resolve("owner-home"), Optional.of("127.0.0.1:0"));
    String projectId = owner.api().share(source, Optional.of("proj")).projectId();
    proxy = new TamperingProxy(owner.address());
    String token = owner.api().invite("proj", Duration.ofHours(1), 1, List.of("127.0.0.1:" + proxy.port())).token();

    Path home = tmp.resolve("member-home");
    Path copy = tmp.resolve("copy");
    try (NodeApi member = LocalNode.open(home)) {
      assertTrue(member.join(token, copy, ProgressListener.NONE).inSync());
    }
    assertEquals(Trees.digest(source), Trees.digest(copy));
    List<FileEntry> filesBefore;
    long sequenceBefore;
    try (Manifest m = Manifest.open(home)) {
      // The owner reported its own address in HELLO and the member keeps it; forget it, so
      // that the next pull can only go through the splice.
      m.setOwnerAddresses(projectId, List.of("127.0.0.1:" + proxy.port()));
      filesBefore = m.files(projectId);
      sequenceBefore = m.project(projectId).orElseThrow().sequence();
    }

    byte[] big = new byte[3 << 20];
    new Random(5).nextBytes(big);
    Files.write(source.resolve("big.bin"), big);
    owner.api().scan(Optional.of("proj"));
    proxy.tamperAt(FLIP_OFFSET);

    try (NodeApi member = LocalNode.open(home)) {
      PpnodeException e = assertThrows(PpnodeException.class, () -> member.pull(Optional.of("proj"), ProgressListener.NONE));
      // The member's TLS layer refuses the altered record (its AES-GCM tag), the chunk fetch
      // fails, the file is not installed, and the user is told what happened.
      assertTrue(e.getMessage().contains("big.bin") && e.getMessage().contains("altered in transit"), e.getMessage());
    }
    assertEquals(1, proxy.flipped(), "one byte was flipped, on one connection");
    assertTrue(Files.notExists(copy.resolve("big.bin")), "no unverified file in place");
    try (Manifest m = Manifest.open(home)) {
      assertEquals(filesBefore, m.files(projectId), "the manifest did not record the file");
      assertEquals(sequenceBefore, m.project(projectId).orElseThrow().sequence());
    }

    proxy.honest();
    try (NodeApi member = LocalNode.open(home)) {
      assertTrue(member.pull(Optional.of("proj"), ProgressListener.NONE).get(0).inSync());
    }
    assertEquals(Trees.digest(source), Trees.digest(copy));
  }
}
