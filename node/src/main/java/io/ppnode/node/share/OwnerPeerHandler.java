package io.ppnode.node.share;

import io.ppnode.node.chunk.ChunkLists;
import io.ppnode.node.identity.EntrySigner;
import io.ppnode.node.identity.MemberTickets;
import io.ppnode.node.invite.Secret;
import io.ppnode.node.manifest.InviteOutcome;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.node.net.PeerHandler;
import io.ppnode.node.net.PeerRequestException;
import io.ppnode.protocol.EntrySignature;
import io.ppnode.protocol.ErrorCode;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.Limits;
import io.ppnode.protocol.Message;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The owner's answers to peers: redeem invites, and give index pages and chunk locations of a
 * project only to its members. A peer that is not a member gets an error and no byte of the
 * project. Chunk requests are checked against the published index, so nothing outside it
 * (ppnode's own state, files not yet scanned) is ever served.
 */
public final class OwnerPeerHandler implements PeerHandler {
  /** Entries per index page; with 1 MiB chunks a page stays far below the control frame cap. */
  static final int PAGE_FILES = 500;
  private final Manifest manifest;
  private final Clock clock;
  private final Map<String, Published> published = new ConcurrentHashMap<>();
  /**
   * Each project's published entries by path, loaded on its first chunk request after a scan:
   * an in-sync pull (INDEX_REQUEST answered by an empty page) never loads them, so it costs the
   * same for 100,000 files as for ten.
   */
  private final Map<String, Map<String, FileEntry>> files = new ConcurrentHashMap<>();
  private final FailedJoinLimiter limiter;
  private final SequenceWatchers watchers = new SequenceWatchers();
  /** Guards the positive membership cache against a revoke racing a membership check. */
  private final Object revokeLock = new Object();
  private long revocations;

  /** Where each peer said it serves, from its latest HELLO: what PEERS tells other members. */
  private final Map<String, Message.Peer> servingAt = new ConcurrentHashMap<>();
  private final Supplier<EntrySigner> signer;

  /** @param signer the owner's node key, to sign member tickets (taken on the first PEERS_REQUEST) */
  public OwnerPeerHandler(Manifest manifest, Clock clock, Supplier<EntrySigner> signer) {
    this.manifest = manifest;
    this.clock = clock;
    this.signer = signer;
    this.limiter = new FailedJoinLimiter(clock);
  }

  @Override
  public void onHello(String peerId, List<String> addresses, List<String> relays) {
    if (addresses.isEmpty() && relays.isEmpty()) {
      servingAt.remove(peerId);
    } else {
      servingAt.put(peerId, new Message.Peer(peerId, List.copyOf(addresses), List.copyOf(relays)));
    }
  }

  /**
   * A member's ticket to the other members, and those of them that reported where they serve,
   * directly or through relays (at most {@link Limits#MAX_PEERS}), so that it can fetch chunks
   * from them too.
   */
  @Override
  public Message.Peers onPeers(String peerId, Message.PeersRequest r) {
    ProjectRecord p = requireMember(peerId, r.project());
    long expires = clock.millis() + MemberTickets.LIFETIME.toMillis();
    List<Message.Peer> peers = new ArrayList<>();
    for (Message.Peer serving : servingAt.values()) {
      if (peers.size() == Limits.MAX_PEERS) {
        break;
      }
      if (!serving.node().equals(peerId) && manifest.isMember(p.id(), serving.node())) {
        peers.add(serving);
      }
    }
    EntrySignature ticket = signer.get().signTicket(p.id(), peerId, expires);
    return new Message.Peers(r.requestId(), p.id(), expires, ticket, peers);
  }

  /**
   * Forgets that {@code nodeId} is a member of {@code projectId}; call after the manifest
   * dropped it, so that its next request is checked against the manifest and refused.
   */
  public void memberRevoked(String projectId, String nodeId) {
    synchronized (revokeLock) {
      revocations++;
      Published pub = published.get(projectId);
      if (pub != null) {
        pub.members.remove(nodeId);
      }
    }
  }

  @Override
  public PeerHandler forRemote(SocketAddress remote) {
    InetAddress address = remote instanceof InetSocketAddress a ? a.getAddress() : null;
    return new FromAddress(address);
  }

  /** Forget cached index state of a project after a scan, and tell the members who watch it. */
  public void projectChanged(String projectId) {
    published.remove(projectId);
    files.remove(projectId);
    watchers.published(projectId, sequenceOf(projectId));
  }

  @Override
  public java.util.concurrent.CompletableFuture<Long> onWatch(String peerId, Message.IndexWatch w) {
    requireMember(peerId, w.project());
    manifest.memberApplied(w.project(), peerId, w.since());
    return watchers.await(w.project(), w.since(), () -> sequenceOf(w.project()));
  }

  private long sequenceOf(String projectId) {
    return manifest.project(projectId).map(ProjectRecord::sequence).orElse(0L);
  }

  @Override
  public Message.JoinAccepted onJoin(String peerId, Message.JoinRequest r) {
    return join(peerId, null, r);
  }

  private Message.JoinAccepted join(String peerId, InetAddress from, Message.JoinRequest r) {
    if (!limiter.allowed(from)) {
      throw new PeerRequestException(ErrorCode.INVITE_INVALID,
          "too many failed invite attempts from " + from.getHostAddress() + "; try again in a minute");
    }
    try {
      return redeem(peerId, r);
    } catch (PeerRequestException e) {
      if (e.code() != ErrorCode.NOT_MEMBER) {
        limiter.failed(from);
      }
      throw e;
    }
  }

  private Message.JoinAccepted redeem(String peerId, Message.JoinRequest r) {
    ProjectRecord p = manifest.project(r.project())
        .filter(x -> x.role() == Role.OWNER && x.id().equals(r.project()))
        .orElseThrow(() -> new PeerRequestException(ErrorCode.INVITE_INVALID, "this node shares no such project"));
    Secret secret;
    try {
      secret = Secret.parse(r.secret());
    } catch (IllegalArgumentException e) {
      throw new PeerRequestException(ErrorCode.INVITE_INVALID, "the invite is not valid");
    }
    InviteOutcome outcome = manifest.redeemInvite(p.id(), secret.hash(), peerId, clock.instant());
    switch (outcome) {
      case ACCEPTED:
        return new Message.JoinAccepted(r.requestId(), p.id(), p.name());
      case EXPIRED:
        throw new PeerRequestException(ErrorCode.INVITE_EXPIRED, "the invite has expired");
      case USED_UP:
        throw new PeerRequestException(ErrorCode.INVITE_USED, "the invite has already been used");
      case REVOKED:
        throw new PeerRequestException(ErrorCode.NOT_MEMBER, revokedMessage(p.id()));
      default:
        throw new PeerRequestException(ErrorCode.INVITE_INVALID, "the invite is not valid for this project");
    }
  }

  @Override
  public void onIndex(String peerId, Message.IndexRequest r, IndexSink sink) {
    ProjectRecord p = requireMember(peerId, r.project());
    // What the member asks from is what it has applied: tombstones up to it are no longer needed by it.
    manifest.memberApplied(p.id(), peerId, r.since());
    long sequence = p.sequence();
    long since = Math.max(0, r.since());
    while (true) {
      List<FileEntry> page = manifest.filesAfter(p.id(), since, PAGE_FILES);
      boolean last = page.size() < PAGE_FILES;
      for (FileEntry e : page) {
        sequence = Math.max(sequence, e.sequence());
      }
      sink.page(sequence, page, last);
      if (last) {
        return;
      }
      since = page.get(page.size() - 1).sequence();
    }
  }

  @Override
  public ChunkLocation onChunk(String peerId, Message.ChunkRequest r) {
    ProjectRecord p = requireMember(peerId, r.project());
    FileEntry e = files.computeIfAbsent(p.id(), this::loadFiles).get(r.path());
    if (e == null || e.deleted() || e.kind() != FileEntry.Kind.FILE) {
      throw new PeerRequestException(ErrorCode.CHUNK_UNAVAILABLE, "no such file in the index: " + r.path());
    }
    FileEntry.ChunkRef c = ChunkLists.at(e.chunks(), r.offset());
    if (c == null || c.length() != r.length() || !c.sha256().equals(r.sha256())) {
      throw new PeerRequestException(ErrorCode.CHUNK_UNAVAILABLE, "no such chunk in the index: " + r.path() + "@" + r.offset());
    }
    return new ChunkLocation(p.root().resolve(r.path()), c.offset(), c.length());
  }


  private ProjectRecord requireMember(String peerId, String projectId) {
    Published pub = published.get(projectId);
    ProjectRecord p = pub != null ? pub.project : manifest.project(projectId)
        .filter(x -> x.role() == Role.OWNER && x.id().equals(projectId))
        .orElse(null);
    if (p != null && pub != null && pub.members.containsKey(peerId)) {
      return pub.project;
    }
    long seen;
    synchronized (revokeLock) {
      seen = revocations;
    }
    if (p == null || !manifest.isMember(projectId, peerId)) {
      if (p != null && manifest.isRevoked(projectId, peerId)) {
        throw new PeerRequestException(ErrorCode.NOT_MEMBER, revokedMessage(projectId));
      }
      throw new PeerRequestException(ErrorCode.NOT_MEMBER, "not a member of project " + projectId);
    }
    Published now = published(p);
    synchronized (revokeLock) {
      // A revoke between our check and here must win: caching now would undo it.
      if (revocations == seen) {
        now.members.put(peerId, Boolean.TRUE);
      }
    }
    return now.project;
  }

  private static String revokedMessage(String projectId) {
    return "the owner revoked this node's membership of project " + projectId;
  }

  private Published published(ProjectRecord p) {
    return published.computeIfAbsent(p.id(), id ->
        new Published(manifest.project(id).orElse(p), new ConcurrentHashMap<>()));
  }

  private Map<String, FileEntry> loadFiles(String projectId) {
    Map<String, FileEntry> byPath = new ConcurrentHashMap<>();
    for (FileEntry e : manifest.files(projectId)) {
      byPath.put(e.path(), e);
    }
    return byPath;
  }

  /** This handler as seen by one connection: joins are rate-limited by its address. */
  private final class FromAddress implements PeerHandler {
    private final InetAddress address;

    FromAddress(InetAddress address) {
      this.address = address;
    }

    @Override
    public Message.JoinAccepted onJoin(String peerId, Message.JoinRequest r) {
      return join(peerId, address, r);
    }

    @Override
    public void onIndex(String peerId, Message.IndexRequest r, IndexSink sink) {
      OwnerPeerHandler.this.onIndex(peerId, r, sink);
    }

    @Override
    public ChunkLocation onChunk(String peerId, Message.ChunkRequest r) {
      return OwnerPeerHandler.this.onChunk(peerId, r);
    }

    @Override
    public void onHello(String peerId, List<String> addresses, List<String> relays) {
      OwnerPeerHandler.this.onHello(peerId, addresses, relays);
    }

    @Override
    public Message.Peers onPeers(String peerId, Message.PeersRequest r) {
      return OwnerPeerHandler.this.onPeers(peerId, r);
    }

    @Override
    public java.util.concurrent.CompletableFuture<Long> onWatch(String peerId, Message.IndexWatch w) {
      return OwnerPeerHandler.this.onWatch(peerId, w);
    }
  }

  /** A project as last published, with the members seen since. Replaced after each scan. */
  private record Published(ProjectRecord project, Map<String, Boolean> members) {}

}
