package io.ppnode.node.transfer;

import io.ppnode.node.chunk.ChunkLists;
import io.ppnode.node.identity.MemberTickets;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.node.net.PeerHandler.ChunkLocation;
import io.ppnode.node.net.PeerRequestException;
import io.ppnode.protocol.ErrorCode;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A member's answers to other members of the projects it joined: the chunks of files it has
 * applied and still holds unchanged, or has verified so far in a file it is still assembling
 * ({@link InFlightChunks}), and only to a peer that showed a ticket the project's owner
 * signed for that peer's node id (TICKET_OFFER). What it serves is whatever its disk holds: the
 * asker checks every chunk against the owner-signed index, so a member can withhold but never
 * inject. A chunk of a file edited locally since it was applied is not served.
 */
public final class PeerChunkServer {
  private final Manifest manifest;
  private final Clock clock;
  /** "peerId project" to the project and the expiry of the ticket that peer showed. */
  private final Map<String, Admission> admitted = new ConcurrentHashMap<>();
  /**
   * The applied entries chunks were last served from, by "project NUL path": a 1 GiB file has
   * thousands of chunks, and reading its entry with all of them for each request read millions
   * of rows. Each use checks the entry is still current by its sequence, one row.
   */
  private final Map<String, FileEntry> entries = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FileEntry> eldest) {
          return size() > CACHED_ENTRIES;
        }
      });
  private static final int CACHED_ENTRIES = 256;

  /** A ticket this node accepted: the joined project it admits to, until {@code expires} (Unix ms). */
  private record Admission(ProjectRecord project, long expires) {}

  private final InFlightChunks inFlight;

  /** @param inFlight the chunks this node's own pulls have verified so far, served too */
  public PeerChunkServer(Manifest manifest, Clock clock, InFlightChunks inFlight) {
    this.manifest = manifest;
    this.clock = clock;
    this.inFlight = inFlight;
  }

  /** Admits {@code peerId} to {@code offer.project()} if the owner signed its ticket; throws otherwise. */
  public Message.TicketAccepted onTicket(String peerId, Message.TicketOffer offer) {
    ProjectRecord p = joined(offer.project());
    if (offer.expires() <= clock.millis()) {
      throw new PeerRequestException(ErrorCode.NOT_MEMBER, "the ticket for project " + p.id() + " has expired");
    }
    if (!MemberTickets.verifies(offer.ownerKey(), p.ownerNodeId(), p.id(), peerId, offer.expires(), offer.ticket())) {
      throw new PeerRequestException(ErrorCode.NOT_MEMBER,
          "the ticket for project " + p.id() + " is not the owner's for node " + peerId);
    }
    admitted.merge(peerId + " " + p.id(), new Admission(p, offer.expires()),
        (had, now) -> had.expires() >= now.expires() ? had : now);
    return new Message.TicketAccepted(offer.requestId(), p.id(), offer.expires());
  }

  /** True if {@code peerId} showed a ticket for {@code project} that has not expired. */
  public boolean admits(String peerId, String project) {
    return admission(peerId, project) != null;
  }

  private Admission admission(String peerId, String project) {
    Admission a = admitted.get(peerId + " " + project);
    return a != null && a.expires() > clock.millis() ? a : null;
  }

  /** Where this member holds the requested chunk; CHUNK_UNAVAILABLE if it does not hold it as asked. */
  public ChunkLocation onChunk(String peerId, Message.ChunkRequest r) {
    Admission admission = admission(peerId, r.project());
    if (admission == null) {
      throw new PeerRequestException(ErrorCode.NOT_MEMBER, "show the owner's ticket for project " + r.project() + " first");
    }
    ProjectRecord p = admission.project();
    Optional<ChunkLocation> assembling = inFlight.find(r);
    if (assembling.isPresent()) {
      return assembling.get();
    }
    FileEntry e = applied(p.id(), r.path());
    FileEntry.ChunkRef c = e == null || e.deleted() || e.kind() != FileEntry.Kind.FILE ? null
        : ChunkLists.at(e.chunks(), r.offset());
    if (c == null || c.length() != r.length() || !c.sha256().equals(r.sha256())) {
      throw new PeerRequestException(ErrorCode.CHUNK_UNAVAILABLE, "this member does not hold " + r.path() + "@" + r.offset());
    }
    Path file;
    try {
      file = SafePaths.resolveInside(p.root(), r.path());
    } catch (IOException ex) {
      throw new PeerRequestException(ErrorCode.CHUNK_UNAVAILABLE, "this member does not hold " + r.path());
    }
    if (!LocalFiles.unchangedSince(LocalFiles.stat(file), e)) {
      throw new PeerRequestException(ErrorCode.CHUNK_UNAVAILABLE, r.path() + " changed on this member since it was applied");
    }
    return new ChunkLocation(file, c.offset(), c.length());
  }

  /** The applied entry at {@code path}, from the cache while it is still the current one. */
  private FileEntry applied(String projectId, String path) {
    String key = projectId + "\u0000" + path;
    FileEntry cached = entries.get(key);
    if (cached != null && cached.sequence() == manifest.fileSequence(projectId, path)) {
      return cached;
    }
    FileEntry e = manifest.file(projectId, path).orElse(null);
    if (e != null) {
      entries.put(key, e);
    }
    return e;
  }

  private ProjectRecord joined(String projectId) {
    return manifest.project(projectId)
        .filter(x -> x.role() == Role.MEMBER && x.id().equals(projectId))
        .orElseThrow(() -> new PeerRequestException(ErrorCode.NOT_MEMBER, "this node has not joined project " + projectId));
  }
}
