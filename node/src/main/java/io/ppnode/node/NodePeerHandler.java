package io.ppnode.node;

import io.ppnode.node.net.PeerHandler;
import io.ppnode.node.transfer.PeerChunkServer;
import io.ppnode.protocol.Message;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a serving node answers on any connection: as owner, for the projects it shares
 * (invites, index, watches, peers, chunks), and as member, chunks of the projects it joined to
 * the other members that showed the owner's ticket. A chunk request goes to the member side only
 * for a peer admitted there for that project; everything else is the owner's to answer or refuse.
 */
final class NodePeerHandler implements PeerHandler {
  private final PeerHandler owner;
  private final PeerChunkServer members;
  private final LongAdder served;

  NodePeerHandler(PeerHandler owner, PeerChunkServer members) {
    this(owner, members, new LongAdder());
  }

  private NodePeerHandler(PeerHandler owner, PeerChunkServer members, LongAdder served) {
    this.owner = owner;
    this.members = members;
    this.served = served;
  }

  /** Chunk bytes this node has handed to peers, as owner and as member. */
  long chunkBytesServed() {
    return served.sum();
  }

  @Override
  public PeerHandler forRemote(SocketAddress remote) {
    return new NodePeerHandler(owner.forRemote(remote), members, served);
  }

  @Override
  public Message.JoinAccepted onJoin(String peerId, Message.JoinRequest request) {
    return owner.onJoin(peerId, request);
  }

  @Override
  public void onIndex(String peerId, Message.IndexRequest request, IndexSink sink) {
    owner.onIndex(peerId, request, sink);
  }

  @Override
  public CompletableFuture<Long> onWatch(String peerId, Message.IndexWatch request) {
    return owner.onWatch(peerId, request);
  }

  @Override
  public void onHello(String peerId, List<String> addresses, List<String> relays) {
    owner.onHello(peerId, addresses, relays);
  }

  @Override
  public Message.Peers onPeers(String peerId, Message.PeersRequest request) {
    return owner.onPeers(peerId, request);
  }

  @Override
  public Message.TicketAccepted onTicket(String peerId, Message.TicketOffer offer) {
    return members.onTicket(peerId, offer);
  }

  @Override
  public ChunkLocation onChunk(String peerId, Message.ChunkRequest request) {
    return members.admits(peerId, request.project())
        ? members.onChunk(peerId, request)
        : owner.onChunk(peerId, request);
  }

  @Override
  public void onChunkSent(String peerId, ChunkLocation where) {
    served.add(where.length());
  }
}
