package io.ppnode.node;

import io.ppnode.node.api.ExitCode;
import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.invite.InvalidInviteException;
import io.ppnode.node.invite.Invite;
import io.ppnode.node.invite.InviteCodec;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.node.net.HostPort;
import io.ppnode.node.net.PeerConnection;
import io.ppnode.node.net.PeerIdentityException;
import io.ppnode.node.net.PeerRequestException;
import io.ppnode.node.net.PeerUnreachableException;
import io.ppnode.node.net.RelayUrl;
import io.ppnode.node.transfer.Puller;
import io.ppnode.node.transfer.Swarm;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The member's side: redeem an invite with the owner, then pull projects from their owners.
 * A refused or broken invite changes nothing on either side; the project is recorded only once
 * the owner has accepted.
 */
final class Membership {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /**
   * How long a member listens for its owner on mDNS. The remembered addresses are dialed at the
   * same time, so this costs nothing when one of them answers; a freshly re-announced owner can
   * take a few seconds to answer.
   */
  static final Duration MDNS_WAIT = Duration.ofSeconds(4);
  /** How long a pull keeps reconnecting to an owner it lost (README, "Resume"). */
  static final Duration RECONNECT_DEADLINE = Duration.ofSeconds(60);
  static final Duration RECONNECT_FIRST_DELAY = Duration.ofMillis(200);
  static final Duration RECONNECT_MAX_DELAY = Duration.ofSeconds(5);
  /** Longer than the owner's keep-alive answer to a watch (50 s): silence past it is a dead link. */
  static final Duration WATCH_TIMEOUT = Duration.ofSeconds(90);
  private final NodeContext ctx;
  private final SwarmRecruiter recruiter;
  private final java.util.Map<String, Object> pullLocks = new java.util.concurrent.ConcurrentHashMap<>();

  Membership(NodeContext ctx) {
    this.ctx = ctx;
    this.recruiter = new SwarmRecruiter(ctx);
  }

  PullResult join(String token, Path dir, ProgressListener progress) {
    Invite invite;
    try {
      invite = InviteCodec.decode(token);
    } catch (InvalidInviteException e) {
      throw PpnodeException.usage("bad invite: " + e.getMessage());
    }
    if (invite.expired(ctx.clock.instant())) {
      throw PpnodeException.usage("the invite expired at " + invite.expires());
    }
    Path root = dir.toAbsolutePath().normalize();
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw PpnodeException.usage("not a directory: " + dir);
    }
    Optional<ProjectRecord> known = ctx.manifest.project(invite.projectId());
    if (known.isPresent()) {
      ProjectRecord p = known.get();
      if (p.role() == Role.OWNER) {
        throw PpnodeException.usage("this node owns project " + p.name() + "; it cannot join it");
      }
      if (!p.root().equals(root)) {
        throw PpnodeException.usage("already a member of project " + p.name() + " at " + p.root());
      }
      return pullOne(p, progress);
    }
    ctx.identity();
    List<String> routes = new ArrayList<>(invite.addresses());
    routes.addAll(invite.relays());
    progress.message("connecting to the owner " + invite.owner() + " at " + routes);
    try (PeerConnection peer = connect(invite.owner().toString(), routes)) {
      Message.JoinAccepted accepted;
      try {
        accepted = peer.join(invite.projectId(), invite.secret().encoded()).get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw refused(e.getCause());
      } catch (TimeoutException e) {
        throw PpnodeException.unreachable("the owner did not answer the join request");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw PpnodeException.error("interrupted");
      }
      String name = ctx.manifest.project(accepted.name()).isPresent()
          ? accepted.name() + "-" + accepted.project().substring(0, 6)
          : accepted.name();
      try {
        Files.createDirectories(root);
      } catch (IOException e) {
        throw PpnodeException.error("cannot create " + root + ": " + e.getMessage());
      }
      ProjectRecord p = new ProjectRecord(invite.projectId(), name, Role.MEMBER, root, invite.owner().toString(),
          routes, 0, null);
      ctx.manifest.insertProject(p);
      rememberRoutes(p, peer);
      progress.message("joined project " + name + "; pulling into " + root);
      return pullOver(p, peer, progress);
    }
  }

  List<PullResult> pull(Optional<String> project, ProgressListener progress) {
    List<ProjectRecord> targets = new ArrayList<>();
    if (project.isPresent()) {
      ProjectRecord p = ctx.manifest.project(project.get())
          .orElseThrow(() -> PpnodeException.usage("no project " + project.get() + " in this home"));
      if (p.role() != Role.MEMBER) {
        throw PpnodeException.usage("this node owns project " + p.name() + "; pull is for members");
      }
      targets.add(p);
    } else {
      ctx.manifest.projects().stream().filter(p -> p.role() == Role.MEMBER).forEach(targets::add);
      if (targets.isEmpty()) {
        throw PpnodeException.usage("this node has joined no project; use: ppnode join INVITE DIR");
      }
    }
    List<PullResult> out = new ArrayList<>();
    for (ProjectRecord p : targets) {
      out.add(pullOne(p, progress));
    }
    return out;
  }

  /**
   * Pulls over a new connection. If the connection is lost mid-pull (the owner restarted, say),
   * reconnects with backoff for up to {@link #RECONNECT_DEADLINE}, resuming from the chunks
   * already verified; an owner that cannot be reached at the first attempt fails at once.
   */
  private PullResult pullOne(ProjectRecord p, ProgressListener progress) {
    Backoff backoff = new Backoff(RECONNECT_FIRST_DELAY, RECONNECT_MAX_DELAY, RECONNECT_DEADLINE);
    boolean connectedOnce = false;
    // The stat of every synced file runs while the connection is made, not after it. The
    // transport (identity, TLS context) is made first: its manifest read would otherwise queue
    // behind the drift's query of every file row, and the connection would start only after it.
    ctx.transport();
    CompletableFuture<List<FileEntry>> drift = Puller.driftOf(ctx.manifest, p, ctx.disk, ctx.drift);
    while (true) {
      long attempt = System.nanoTime();
      try (PeerConnection peer = connect(p.ownerNodeId(), p.ownerAddresses())) {
        connectedOnce = true;
        rememberRoutes(p, peer);
        return pullOver(p, peer, progress, drift);
      } catch (PpnodeException e) {
        boolean worthRetry = e instanceof ConnectionLost || connectedOnce && e.exitCode() == ExitCode.UNREACHABLE;
        // A connection that lasted made progress that is kept: the next loss gets a fresh
        // deadline. One dropped at once does not, so an owner that always hangs up ends the pull.
        if (e instanceof ConnectionLost && System.nanoTime() - attempt > RECONNECT_MAX_DELAY.toNanos()) {
          backoff.restartDeadline();
        }
        if (!worthRetry || !backoff.sleep()) {
          throw e;
        }
        progress.message("lost the owner of " + p.name() + " (" + e.getMessage() + "); reconnecting");
      }
    }
  }

  /** The connection broke mid-pull: worth connecting again, since verified chunks are kept. */
  private static final class ConnectionLost extends PpnodeException {
    ConnectionLost(String message, Throwable cause) {
      super(ExitCode.UNREACHABLE, message, cause);
    }
  }

  /**
   * One round of following a joined project: connects, waits on an INDEX_WATCH until the owner
   * publishes past what this member applied (or answers its keep-alive), and if it did, pulls
   * over the same connection. A serving member repeats this; each round dials afresh, so a
   * direct route that appeared since (the owner came home from behind a relay) is used at once.
   * A lost or silent owner is thrown.
   */
  void follow(String projectId) {
    ProjectRecord p = ctx.manifest.project(projectId)
        .orElseThrow(() -> PpnodeException.usage("no project " + projectId + " in this home"));
    try (PeerConnection peer = connect(p.ownerNodeId(), p.ownerAddresses())) {
      rememberRoutes(p, peer);
      long owners = peer.watch(projectId, p.sequence()).get(WATCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (owners > p.sequence()) {
        pullOver(p, peer, ProgressListener.NONE);
      }
    } catch (ExecutionException e) {
      throw PpnodeException.unreachable("lost the owner of " + p.name() + ": " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw PpnodeException.unreachable("the owner of " + p.name() + " stopped answering");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private PullResult pullOver(ProjectRecord p, PeerConnection peer, ProgressListener progress) {
    return pullOver(p, peer, progress, null);
  }

  /** {@code drift} is the local drift looked for already, or null to look for it now. */
  private PullResult pullOver(ProjectRecord p, PeerConnection peer, ProgressListener progress,
      CompletableFuture<List<FileEntry>> drift) {
    // One pull per project at a time: the timer, a follower and a command may all ask at once.
    synchronized (pullLocks.computeIfAbsent(p.id(), id -> new Object())) {
      return pullLocked(p, peer, progress, drift);
    }
  }

  private PullResult pullLocked(ProjectRecord p, PeerConnection peer, ProgressListener progress,
      CompletableFuture<List<FileEntry>> drift) {
    ProjectRecord fresh = ctx.manifest.project(p.id()).orElse(p);
    // Asked now, so that the answer comes with the index: the first chunk to fetch used to wait
    // for this round trip (0.28 s of a 10,000-file join against a freshly started owner, which
    // signs its first ticket). Members are still dialed only once there is a chunk to fetch.
    CompletableFuture<Message.Peers> peers = peer.peers(p.id());
    try (Swarm swarm = new Swarm(peer, p.id(), ctx.disk, s -> recruiter.recruit(p.id(), peer, peers, s))) {
      Puller puller = new Puller(ctx.manifest, ctx.disk, progress, ctx.clock, ctx.inFlight);
      // Looked for under the lock when not started already, so another pull's installs are done.
      CompletableFuture<List<FileEntry>> local = drift != null ? drift
          : Puller.driftOf(ctx.manifest, fresh, ctx.disk, ctx.drift);
      return puller.pull(fresh, swarm, local);
    } catch (IOException e) {
      if (lostConnection(e)) {
        throw new ConnectionLost("lost the connection to the owner during the pull of " + p.name() + ": "
            + e.getMessage(), e);
      }
      if (e.getCause() instanceof PeerRequestException r) {
        throw refused(r);
      }
      throw PpnodeException.error("pull of " + p.name() + " failed: " + e.getMessage());
    }
  }

  private static boolean lostConnection(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.nio.channels.ClosedChannelException || c instanceof java.net.SocketException) {
        return true;
      }
      if (c instanceof io.ppnode.node.transfer.BadPeerException) {
        return false; // dropped on purpose: the same peer would send the same bad bytes
      }
    }
    return false;
  }

  /** {@code addresses} mixes direct HOST:PORT hints and relay URLs; direct ones get a head start. */
  /** Keeps the addresses the owner reported, freshest knowledge first, ahead of older hints. */
  private void rememberRoutes(ProjectRecord p, PeerConnection peer) {
    List<String> routes = OwnerRoutes.remember(peer.peerAddresses(), p.ownerAddresses());
    if (!routes.equals(p.ownerAddresses())) {
      ctx.manifest.setOwnerAddresses(p.id(), routes);
    }
  }

  /**
   * Dials the owner by everything known at once: the addresses it reported on earlier
   * connections and the invite's hints (both in {@code remembered}), and where it answers on mDNS
   * as soon as it does; its relays after a head start.
   */
  private PeerConnection connect(String ownerId, List<String> remembered) {
    CompletableFuture<List<HostPort>> onTheLan = ctx.discovery().lookup(ownerId, MDNS_WAIT)
        .thenApply(found -> found.stream().map(HostPort::of).toList());
    List<HostPort> hosts = new ArrayList<>();
    List<RelayUrl> relays = new ArrayList<>();
    for (String a : remembered) {
      try {
        if (RelayUrl.is(a)) {
          relays.add(RelayUrl.parse(a));
        } else {
          hosts.add(HostPort.parse(a));
        }
      } catch (IllegalArgumentException e) {
        // A bad hint is skipped; the others may still work.
      }
    }
    try {
      return ctx.transport().connect(hosts, onTheLan, relays, ownerId, null, CONNECT_TIMEOUT);
    } catch (PeerUnreachableException e) {
      throw PpnodeException.unreachable(e.getMessage());
    }
  }

  private static PpnodeException refused(Throwable cause) {
    if (cause instanceof PeerRequestException r) {
      switch (r.code()) {
        case INVITE_INVALID:
        case INVITE_EXPIRED:
        case INVITE_USED:
          return PpnodeException.usage("the owner refused the invite: " + r.getMessage());
        case NOT_MEMBER:
          return PpnodeException.unreachable("the owner refused: " + r.getMessage());
        default:
          return PpnodeException.error("the owner answered: " + r.getMessage());
      }
    }
    if (cause instanceof PeerIdentityException) {
      return PpnodeException.unreachable(cause.getMessage());
    }
    return new PpnodeException(ExitCode.UNREACHABLE, "lost the connection to the owner: " + cause);
  }
}
