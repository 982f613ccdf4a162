package io.ppnode.node.net;

import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.Message;
import java.security.PublicKey;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Outbound calls on one authenticated peer connection: what this node asks of the peer. Every
 * call is pipelined; answers come back through the returned futures, which complete on the
 * connection's event loop (callers move real work elsewhere). A refused request completes
 * exceptionally with {@link PeerRequestException}; a lost connection with
 * {@link java.nio.channels.ClosedChannelException}.
 */
public interface PeerConnection extends AutoCloseable {
  /** The peer's printed node id, as proven by its TLS certificate. */
  String peerId();

  /** The key the peer proved in the TLS handshake; {@link #peerId()} is its hash. */
  PublicKey peerKey();

  /**
   * The HOST:PORT addresses the peer reported in its HELLO (a serving node's listen addresses),
   * as untrusted hints: parse before dialing.
   */
  java.util.List<String> peerAddresses();

  /**
   * Completes with the project's sequence once it is above {@code since}, or with the unchanged
   * sequence after the owner's keep-alive period (INDEX_WATCH).
   */
  CompletableFuture<Long> watch(String project, long since);

  CompletableFuture<Message.JoinAccepted> join(String project, String secret);

  /** Streams the index since {@code since}; each page goes to {@code pages}; completes after the last. */
  CompletableFuture<Void> index(String project, long since, Consumer<Message.IndexPage> pages);

  /** Fetches one chunk. The receiver must close the {@link ReceivedChunk}. */
  CompletableFuture<ReceivedChunk> chunk(
      String project, String path, long offset, int length, ChunkHash sha256);

  /** Asks the owner for the project's other serving members and a ticket to show them. */
  CompletableFuture<Message.Peers> peers(String project);

  /** Shows another member the owner's ticket; completes once it will serve chunks of {@code project}. */
  CompletableFuture<Message.TicketAccepted> offerTicket(String project, String ownerKeyHex, long expires,
      io.ppnode.protocol.EntrySignature ticket);

  /** Bytes of chunk payload received on this connection so far. */
  long chunkBytesReceived();

  @Override
  void close();
}
