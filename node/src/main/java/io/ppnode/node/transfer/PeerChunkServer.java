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
  /** "peerId project" to the expiry (Unix ms) of the ticket that peer showed. */
  private final Map<String, Long> admitted = new ConcurrentHashMap<>();

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
    admitted.merge(peerId + " " + p.id(), offer.expires(), Math::max);
    return new Message.TicketAccepted(offer.requestId(), p.id(), offer.expires());
  }

  /** True if {@code peerId} showed a ticket for {@code project} that has not expired. */
  public boolean admits(String peerId, String project) {
    Long until = admitted.get(peerId + " " + project);
    return until != null && until > clock.millis();
  }

  /** Where this member holds the requested chunk; CHUNK_UNAVAILABLE if it does not hold it as asked. */
  public ChunkLocation onChunk(String peerId, Message.ChunkRequest r) {
    if (!admits(peerId, r.project())) {
      throw new PeerRequestException(ErrorCode.NOT_MEMBER, "show the owner's ticket for project " + r.project() + " first");
    }
    ProjectRecord p = joined(r.project());
    Optional<ChunkLocation> assembling = inFlight.find(r);
    if (assembling.isPresent()) {
      return assembling.get();
    }
    FileEntry e = manifest.file(p.id(), r.path()).orElse(null);
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

  private ProjectRecord joined(String projectId) {
    return manifest.project(projectId)
        .filter(x -> x.role() == Role.MEMBER && x.id().equals(projectId))
        .orElseThrow(() -> new PeerRequestException(ErrorCode.NOT_MEMBER, "this node has not joined project " + projectId));
  }
}
