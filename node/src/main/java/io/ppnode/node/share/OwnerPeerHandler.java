package io.ppnode.node.share;

import io.ppnode.node.invite.Secret;
import io.ppnode.node.manifest.InviteOutcome;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.node.net.PeerHandler;
import io.ppnode.node.net.PeerRequestException;
import io.ppnode.protocol.ErrorCode;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.Message;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

  public OwnerPeerHandler(Manifest manifest, Clock clock) {
    this.manifest = manifest;
    this.clock = clock;
  }

  /** Forget cached index state of a project after a scan changed it. */
  public void projectChanged(String projectId) {
    published.remove(projectId);
  }

  @Override
  public Message.JoinAccepted onJoin(String peerId, Message.JoinRequest r) {
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
      default:
        throw new PeerRequestException(ErrorCode.INVITE_INVALID, "the invite is not valid for this project");
    }
  }

  @Override
  public void onIndex(String peerId, Message.IndexRequest r, IndexSink sink) {
    ProjectRecord p = requireMember(peerId, r.project());
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
    FileEntry e = published(p).files.get(r.path());
    if (e == null || e.deleted() || e.kind() != FileEntry.Kind.FILE) {
      throw new PeerRequestException(ErrorCode.CHUNK_UNAVAILABLE, "no such file in the index: " + r.path());
    }
    FileEntry.ChunkRef c = findChunk(e.chunks(), r.offset());
    if (c == null || c.length() != r.length() || !c.sha256().equals(r.sha256())) {
      throw new PeerRequestException(ErrorCode.CHUNK_UNAVAILABLE, "no such chunk in the index: " + r.path() + "@" + r.offset());
    }
    return new ChunkLocation(p.root().resolve(r.path()), c.offset(), c.length());
  }

  private static FileEntry.ChunkRef findChunk(List<FileEntry.ChunkRef> chunks, long offset) {
    int lo = 0;
    int hi = chunks.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long o = chunks.get(mid).offset();
      if (o == offset) {
        return chunks.get(mid);
      } else if (o < offset) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }

  private ProjectRecord requireMember(String peerId, String projectId) {
    Published pub = published.get(projectId);
    ProjectRecord p = pub != null ? pub.project : manifest.project(projectId)
        .filter(x -> x.role() == Role.OWNER && x.id().equals(projectId))
        .orElse(null);
    if (p == null || !(pub != null && pub.members.containsKey(peerId) || manifest.isMember(projectId, peerId))) {
      throw new PeerRequestException(ErrorCode.NOT_MEMBER, "not a member of project " + projectId);
    }
    published(p).members.put(peerId, Boolean.TRUE);
    return published(p).project;
  }

  private Published published(ProjectRecord p) {
    return published.computeIfAbsent(p.id(), id -> {
      ProjectRecord fresh = manifest.project(id).orElse(p);
      Map<String, FileEntry> files = new ConcurrentHashMap<>();
      for (FileEntry e : manifest.files(id)) {
        files.put(e.path(), e);
      }
      return new Published(fresh, files, new ConcurrentHashMap<>());
    });
  }

  /** A project's index as last published, with the members seen since. Replaced after each scan. */
  private record Published(ProjectRecord project, Map<String, FileEntry> files, Map<String, Boolean> members) {}

}
