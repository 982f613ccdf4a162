package io.ppnode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.api.ExitCode;
import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.identity.Identity;
import io.ppnode.node.net.HostPort;
import io.ppnode.node.net.PeerConnection;
import io.ppnode.node.net.PeerRequestException;
import io.ppnode.node.net.Transport;
import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.ErrorCode;
import io.ppnode.protocol.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owner and member as real nodes in this JVM, on loopback sockets with TLS, real H2 files and
 * real folders: join, then change, add and delete on the owner, rescan, pull; the trees must be
 * byte-identical each time, and nothing of the project reaches a node that is not a member.
 */
@Timeout(120)
class ShareJoinIntegrationTest {
  @TempDir Path tmp;
  Path source;
  Path copy;
  ServingNode owner;
  NodeApi member;

  @BeforeEach
  void start() throws Exception {
    source = tmp.resolve("source");
    copy = tmp.resolve("copy");
    generate(source);
    owner = ServingNode.start(tmp.resolve("owner-home"), Optional.of("127.0.0.1:0"));
    owner.api().share(source, Optional.of("proj"));
    member = LocalNode.open(tmp.resolve("member-home"));
  }

  @AfterEach
  void stop() {
    if (member != null) {
      member.close();
    }
    if (owner != null) {
      owner.close();
    }
  }

  private String invite() {
    return owner.api().invite("proj", Duration.ofHours(1), 1, List.of()).token();
  }

  @Test
  void joinCopiesTheWholeTreeAndPullFollowsChanges() throws Exception {
    PullResult joined = member.join(invite(), copy, ProgressListener.NONE);
    assertTrue(joined.inSync());
    assertEquals(Trees.digest(source), Trees.digest(copy));
    // mtime travels in milliseconds (docs/protocol.md).
    assertEquals(Files.getLastModifiedTime(source.resolve("big.bin")).toMillis(),
        Files.getLastModifiedTime(copy.resolve("big.bin")).toMillis());
    assertTrue(Files.isDirectory(copy.resolve("empty-dir")));

    // Same size, one byte changed in the third chunk: only that chunk travels.
    byte[] big = Files.readAllBytes(source.resolve("big.bin"));
    big[(2 << 20) + 17] ^= 1;
    Files.write(source.resolve("big.bin"), big);
    Files.setLastModifiedTime(source.resolve("big.bin"), FileTime.fromMillis(1_600_000_000_000L));
    Files.writeString(source.resolve("a/new-file.txt"), "new");
    Files.createDirectories(source.resolve("a/new-dir/inner"));
    Files.delete(source.resolve("a/b/small-3.bin"));
    deleteTree(source.resolve("to-remove"));
    owner.api().scan(Optional.of("proj"));

    PullResult pulled = member.pull(Optional.empty(), ProgressListener.NONE).get(0);
    assertTrue(pulled.inSync());
    assertEquals(2, pulled.filesUpdated());
    assertTrue(pulled.filesDeleted() >= 2, "file and dir deleted: " + pulled);
    assertTrue(pulled.bytesReceived() <= (1 << 20) + 3, "only the changed chunk and the new file: " + pulled);
    assertTrue(pulled.bytesReusedLocally() >= 2L << 20, "unchanged chunks come from the old copy: " + pulled);
    assertEquals(Trees.digest(source), Trees.digest(copy));

    PullResult again = member.pull(Optional.empty(), ProgressListener.NONE).get(0);
    assertEquals(0, again.filesUpdated());
    assertEquals(0, again.bytesReceived());
  }

  @Test
  void aLocalEditIsKeptAsAConflictCopy() throws Exception {
    member.join(invite(), copy, ProgressListener.NONE);
    Files.writeString(copy.resolve("README.txt"), "my local notes");
    Files.writeString(source.resolve("README.txt"), "owner's new text");
    owner.api().scan(Optional.of("proj"));

    member.pull(Optional.empty(), ProgressListener.NONE);
    assertEquals("owner's new text", Files.readString(copy.resolve("README.txt")));
    List<Path> conflicts;
    try (Stream<Path> s = Files.list(copy)) {
      conflicts = s.filter(p -> p.getFileName().toString().startsWith("README.ppconflict-")).toList();
    }
    assertEquals(1, conflicts.size());
    assertEquals("my local notes", Files.readString(conflicts.get(0)));

    // status shows the member what was kept aside, by path in the project, until it is gone.
    String kept = conflicts.get(0).getFileName().toString();
    assertEquals(List.of(kept), member.status().projects().get(0).conflictCopies());
    assertEquals(List.of(), owner.api().status().projects().get(0).conflictCopies());
    Files.delete(conflicts.get(0));
    assertEquals(List.of(), member.status().projects().get(0).conflictCopies());
  }

  @Test
  void editsAndDeletionsOnTheMemberAloneAreUndoneByTheNextPullAndTheEditIsKept() throws Exception {
    member.join(invite(), copy, ProgressListener.NONE);
    Files.writeString(copy.resolve("README.txt"), "my local notes");
    Files.delete(copy.resolve("a/b/small-3.bin"));

    // The owner changed nothing: the pull still puts the owner's versions back.
    PullResult r = member.pull(Optional.empty(), ProgressListener.NONE).get(0);
    assertEquals(2, r.filesUpdated());
    assertTrue(r.inSync());
    List<Path> conflicts;
    try (Stream<Path> s = Files.list(copy)) {
      conflicts = s.filter(p -> p.getFileName().toString().startsWith("README.ppconflict-")).toList();
    }
    assertEquals(1, conflicts.size());
    assertEquals("my local notes", Files.readString(conflicts.get(0)));
    Files.delete(conflicts.get(0));
    assertEquals(Trees.digest(source), Trees.digest(copy));
    // Nothing drifted now: the next pull has nothing to do.
    assertEquals(0, member.pull(Optional.empty(), ProgressListener.NONE).get(0).filesUpdated());
  }

  @Test
  void aForgedInviteIsRefusedAndChangesNothing() throws Exception {
    String good = invite();
    // Re-encode the same invite with another secret: well-formed, but not one the owner issued.
    var parsed = io.ppnode.node.invite.InviteCodec.decode(good);
    String forged = io.ppnode.node.invite.InviteCodec.encode(new io.ppnode.node.invite.Invite(parsed.projectId(),
        parsed.owner(), parsed.addresses(), io.ppnode.node.invite.Secret.random(), parsed.expires()));
    PpnodeException e = assertThrows(PpnodeException.class, () -> member.join(forged, copy, ProgressListener.NONE));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(member.status().projects().isEmpty());
    assertTrue(owner.api().status().projects().get(0).peers().isEmpty());
    assertFalse(Files.exists(copy));
  }

  @Test
  void anExpiredInviteIsRefusedAndChangesNothing() throws Exception {
    var parsed = io.ppnode.node.invite.InviteCodec.decode(invite());
    String expired = io.ppnode.node.invite.InviteCodec.encode(new io.ppnode.node.invite.Invite(parsed.projectId(),
        parsed.owner(), parsed.addresses(), parsed.secret(), java.time.Instant.now().minusSeconds(60)));
    PpnodeException e = assertThrows(PpnodeException.class, () -> member.join(expired, copy, ProgressListener.NONE));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("expired"), e.getMessage());
    assertTrue(member.status().projects().isEmpty());
    assertTrue(owner.api().status().projects().get(0).peers().isEmpty());
    assertFalse(Files.exists(copy));
  }

  @Test
  void aUsedInviteCannotBeUsedTwice() throws Exception {
    String token = invite();
    member.join(token, copy, ProgressListener.NONE);
    try (NodeApi second = LocalNode.open(tmp.resolve("second-home"))) {
      PpnodeException e = assertThrows(PpnodeException.class,
          () -> second.join(token, tmp.resolve("second-copy"), ProgressListener.NONE));
      assertEquals(ExitCode.USAGE, e.exitCode());
      assertTrue(e.getMessage().contains("already been used"), e.getMessage());
    }
  }

  @Test
  void anUnreachableOwnerIsExitCodeThree() {
    String token = owner.api().invite("proj", Duration.ofHours(1), 1, List.of("127.0.0.1:1")).token();
    PpnodeException e = assertThrows(PpnodeException.class, () -> member.join(token, copy, ProgressListener.NONE));
    assertEquals(ExitCode.UNREACHABLE, e.exitCode());
  }

  @Test
  void aNodeThatIsNotAMemberGetsNothing() throws Exception {
    String projectId = owner.api().status().projects().get(0).projectId();
    String ownerId = owner.api().status().nodeId();
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try (Transport stranger = new Transport(Identity.generate(), workers);
        PeerConnection c = stranger.connect(List.of(HostPort.of(owner.address())), ownerId, null, Duration.ofSeconds(5))) {
      List<Message.IndexPage> pages = Collections.synchronizedList(new ArrayList<>());
      ExecutionException index = assertThrows(ExecutionException.class,
          () -> c.index(projectId, 0, pages::add).get(10, TimeUnit.SECONDS));
      assertEquals(ErrorCode.NOT_MEMBER, assertInstanceOf(PeerRequestException.class, index.getCause()).code());
      assertTrue(pages.isEmpty());
      ChunkHash any = ChunkHash.of(new byte[32]);
      ExecutionException chunk = assertThrows(ExecutionException.class,
          () -> c.chunk(projectId, "README.txt", 0, 10, any).get(10, TimeUnit.SECONDS));
      assertEquals(ErrorCode.NOT_MEMBER, assertInstanceOf(PeerRequestException.class, chunk.getCause()).code());
      assertEquals(0, c.chunkBytesReceived());
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void theMemberRefusesAnOwnerWithTheWrongKey() throws Exception {
    String token = invite();
    var parsed = io.ppnode.node.invite.InviteCodec.decode(token);
    String impostor = io.ppnode.node.invite.InviteCodec.encode(new io.ppnode.node.invite.Invite(parsed.projectId(),
        Identity.generate().id(), parsed.addresses(), parsed.secret(), parsed.expires()));
    PpnodeException e = assertThrows(PpnodeException.class, () -> member.join(impostor, copy, ProgressListener.NONE));
    assertEquals(ExitCode.UNREACHABLE, e.exitCode());
    assertTrue(member.status().projects().isEmpty());
  }

  static void generate(Path root) throws Exception {
    Random r = new Random(7);
    Files.createDirectories(root.resolve("a/b/c/d"));
    Files.createDirectories(root.resolve("empty-dir"));
    Files.createDirectories(root.resolve("to-remove/inside"));
    Files.writeString(root.resolve("to-remove/inside/x.txt"), "x");
    Files.writeString(root.resolve("README.txt"), "hello");
    Files.createFile(root.resolve("a/empty.txt"));
    Files.writeString(root.resolve(Normalizer.normalize("a/Grüße-日本-é.txt", Normalizer.Form.NFC)), "unicode");
    for (int i = 0; i < 20; i++) {
      byte[] b = new byte[r.nextInt(20_000)];
      r.nextBytes(b);
      Files.write(root.resolve("a/b/small-" + i + ".bin"), b);
    }
    byte[] big = new byte[(5 << 19) + 123]; // 2.5 MiB and a bit: three chunks
    r.nextBytes(big);
    Files.write(root.resolve("big.bin"), big);
    Files.write(root.resolve("a/b/c/d/deep.bin"), new byte[] {1, 2, 3});
  }

  static void deleteTree(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
