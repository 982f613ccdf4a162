package io.ppnode.node.net;

import io.ppnode.protocol.ErrorCode;
import io.ppnode.protocol.Message;
import java.nio.file.Path;
import java.util.List;

/**
 * Inbound calls: what this node answers when a peer asks. Called on a worker thread, never on
 * the event loop, so implementations may touch the manifest and the disk. Refusals are thrown as
 * {@link PeerRequestException} and reach the peer as an ERROR frame.
 */
public interface PeerHandler {
  Message.JoinAccepted onJoin(String peerId, Message.JoinRequest request);

  /**
   * Answers an index request page by page: {@code sink.accept(page, last)} for each, in order,
   * with the page's owner sequence already set.
   */
  void onIndex(String peerId, Message.IndexRequest request, IndexSink sink);

  /**
   * Completes with the project's sequence once it passes {@code request.since()}, or after a
   * keep-alive period with the unchanged one. Throws {@link PeerRequestException} to refuse.
   */
  java.util.concurrent.CompletableFuture<Long> onWatch(String peerId, Message.IndexWatch request);

  /**
   * The peer said HELLO and reported where it serves ({@code addresses} and the {@code relays}
   * it is registered at: untrusted hints, maybe empty). Called on the event loop: keep it cheap.
   */
  default void onHello(String peerId, List<String> addresses, List<String> relays) {}

  /** The other members that serve a project, and the caller's ticket to them (PEERS_REQUEST). */
  default Message.Peers onPeers(String peerId, Message.PeersRequest request) {
    throw new PeerRequestException(ErrorCode.NOT_MEMBER, "this node does not own project " + request.project());
  }

  /** Checks a ticket another member shows for a project this node joined (TICKET_OFFER). */
  default Message.TicketAccepted onTicket(String peerId, Message.TicketOffer offer) {
    throw new PeerRequestException(ErrorCode.NOT_MEMBER, "this node serves no other members");
  }

  /** Where to read a requested chunk from; the net layer reads it into a pooled buffer. */
  ChunkLocation onChunk(String peerId, Message.ChunkRequest request);

  /**
   * The chunk at {@code where} was read whole and handed to the connection. A location can be
   * found and then fail to read (a temp file renamed into place meanwhile): only this counts it.
   */
  default void onChunkSent(String peerId, ChunkLocation where) {}

  /**
   * The handler for one accepted connection from {@code remote}. The default shares this one;
   * the owner's handler returns a view that knows the address, to rate-limit failed invites
   * per address.
   */
  default PeerHandler forRemote(java.net.SocketAddress remote) {
    return this;
  }

  /** Receives index pages as they are produced. */
  interface IndexSink {
    void page(long sequence, List<io.ppnode.protocol.FileEntry> files, boolean last);
  }

  /** A byte range of a file on this node's disk. */
  record ChunkLocation(Path file, long offset, int length) {}

}
