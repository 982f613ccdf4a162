package io.ppnode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.api.ExitCode;
import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.Results.InviteView;
import io.ppnode.node.api.Results.RevokeResult;
import io.ppnode.node.control.RemoteNode;
import io.ppnode.node.identity.Identity;
import io.ppnode.node.invite.InviteCodec;
import io.ppnode.node.invite.Secret;
import io.ppnode.node.net.HostPort;
import io.ppnode.node.net.PeerConnection;
import io.ppnode.node.net.PeerRequestException;
import io.ppnode.node.net.Transport;
import io.ppnode.protocol.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner's control over who gets in, against a real serving node on loopback: revoking a
 * member cuts its open connection and refuses it from then on (with a reason, and even with an
 * invite it still holds); invites are listed by id and can be ended; failed invite attempts from
 * one address are rate-limited before the manifest is touched.
 */
@Timeout(60)
class AccessControlTest {
  @TempDir Path tmp;
  ServingNode owner;
  String projectId;
  String ownerId;
  ExecutorService workers;
  Transport memberNet;
  Identity memberId;

  @BeforeEach
  void start() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Files.writeString(source.resolve("a.txt"), "hello");
    owner = ServingNode.start(tmp.resolve("owner-home"), Optional.of("127.0.0.1:0"));
    projectId = owner.api().share(source, Optional.of("proj")).projectId();
    ownerId = owner.api().status().nodeId();
    workers = Executors.newFixedThreadPool(2);
    memberId = Identity.generate();
    memberNet = new Transport(memberId, workers);
  }

  @AfterEach
  void stop() {
    memberNet.close();
    workers.shutdownNow();
    owner.close();
  }

  private PeerConnection dial() throws Exception {
    return memberNet.connect(List.of(HostPort.of(owner.address())), ownerId, null, Duration.ofSeconds(5));
  }

  private Secret inviteSecret(int uses) {
    String token = owner.api().invite("proj", Duration.ofHours(1), uses, List.of()).token();
    try {
      return InviteCodec.decode(token).secret();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static PeerRequestException refusal(java.util.concurrent.Future<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    return assertInstanceOf(PeerRequestException.class, e.getCause());
  }

  @Test
  void revokeClosesTheOpenConnectionAndRefusesTheNodeFromThenOn() throws Exception {
    Secret multiUse = inviteSecret(5);
    PeerConnection open = dial();
    open.join(projectId, multiUse.encoded()).get(10, TimeUnit.SECONDS);
    open.index(projectId, 0, page -> { }).get(10, TimeUnit.SECONDS);
    assertEquals(memberId.id().toString(), owner.api().members("proj").get(0).nodeId());

    RevokeResult r = owner.api().revoke("proj", memberId.id().toString().toLowerCase());
    assertEquals(1, r.connectionsClosed());
    assertTrue(owner.api().members("proj").isEmpty());
    // The old connection is gone: a request on it fails rather than being served.
    assertThrows(ExecutionException.class, () -> open.index(projectId, 0, page -> { }).get(10, TimeUnit.SECONDS));

    try (PeerConnection again = dial()) {
      PeerRequestException index = refusal(again.index(projectId, 0, page -> { }));
      assertEquals(ErrorCode.NOT_MEMBER, index.code());
      assertTrue(index.getMessage().contains("revoked"), index.getMessage());
      // The multi-use invite it still holds does not let it back in, nor burn a use.
      PeerRequestException join = refusal(again.join(projectId, multiUse.encoded()));
      assertEquals(ErrorCode.NOT_MEMBER, join.code());
      assertTrue(join.getMessage().contains("revoked"), join.getMessage());
    }
    assertEquals(4, owner.api().invites("proj").get(0).usesLeft());
  }

  @Test
  void revokingANonMemberIsAUsageError() {
    PpnodeException e = assertThrows(PpnodeException.class,
        () -> owner.api().revoke("proj", Identity.generate().id().toString()));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals(ExitCode.USAGE, assertThrows(PpnodeException.class,
        () -> owner.api().revoke("proj", "not-a-node-id")).exitCode());
  }

  @Test
  void invitesAreListedByIdAndAnEndedInviteAdmitsNobody() throws Exception {
    Secret kept = inviteSecret(2);
    Secret ended = inviteSecret(1);
    List<InviteView> live = owner.api().invites("proj");
    assertEquals(2, live.size());
    String endedId = java.util.HexFormat.of().formatHex(ended.hash()).substring(0, 12);
    assertTrue(live.stream().anyMatch(i -> i.id().equals(endedId)), live.toString());

    owner.api().revokeInvite("proj", endedId.substring(0, 8));
    assertEquals(1, owner.api().invites("proj").size());
    assertEquals(ExitCode.USAGE, assertThrows(PpnodeException.class,
        () -> owner.api().revokeInvite("proj", endedId)).exitCode());

    try (PeerConnection c = dial()) {
      assertEquals(ErrorCode.INVITE_INVALID, refusal(c.join(projectId, ended.encoded())).code());
      c.join(projectId, kept.encoded()).get(10, TimeUnit.SECONDS);
    }
    assertEquals(1, owner.api().invites("proj").get(0).usesLeft());
  }

  @Test
  void repeatedFailedInvitesFromOneAddressAreCutOffBeforeTheManifest() throws Exception {
    Secret good = inviteSecret(1);
    try (PeerConnection c = dial()) {
      for (int i = 0; i < 5; i++) {
        assertEquals(ErrorCode.INVITE_INVALID, refusal(c.join(projectId, Secret.random().encoded())).code());
      }
      // Now even the right secret is turned away, and its use is not spent.
      PeerRequestException limited = refusal(c.join(projectId, good.encoded()));
      assertEquals(ErrorCode.INVITE_INVALID, limited.code());
      assertTrue(limited.getMessage().contains("too many"), limited.getMessage());
    }
    assertEquals(1, owner.api().invites("proj").get(0).usesLeft());
    assertTrue(owner.api().members("proj").isEmpty());
  }

  @Test
  void theControlChannelCarriesTheNewCommands() throws Exception {
    Secret s = inviteSecret(1);
    try (PeerConnection c = dial()) {
      c.join(projectId, s.encoded()).get(10, TimeUnit.SECONDS);
    }
    try (NodeApi remote = RemoteNode.connect(tmp.resolve("owner-home").toAbsolutePath().normalize()).orElseThrow()) {
      assertEquals(List.of(memberId.id().toString()), remote.members("proj").stream().map(m -> m.nodeId()).toList());
      assertTrue(remote.invites("proj").isEmpty());
      String id = owner.api().invite("proj", Duration.ofHours(1), 1, List.of()).token();
      String inviteId = remote.invites("proj").get(0).id();
      assertEquals(inviteId, remote.revokeInvite("proj", inviteId).id());
      assertEquals(0, remote.revoke("proj", memberId.id().toString()).connectionsClosed());
      assertEquals(ExitCode.USAGE, assertThrows(PpnodeException.class, () -> remote.members("nope")).exitCode());
      assertTrue(id.startsWith(InviteCodec.PREFIX));
    }
  }

}
