package io.ppnode.node.net;

import io.ppnode.protocol.EntrySignature;
import io.ppnode.protocol.Message;
import java.util.concurrent.CompletableFuture;

/**
 * What the test peers that only serve index pages and chunks refuse: joining, watching and the
 * swarming requests. Each call fails at once, so a test that reaches one sees it.
 */
abstract class TestPeerBase implements PeerConnection {
  @Override
  public CompletableFuture<Message.JoinAccepted> join(String project, String secret) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("join"));
  }

  @Override
  public CompletableFuture<Long> watch(String project, long since) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("watch"));
  }

  @Override
  public CompletableFuture<Message.Peers> peers(String project) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("peers"));
  }

  @Override
  public CompletableFuture<Message.TicketAccepted> offerTicket(String project, String ownerKeyHex, long expires,
      EntrySignature ticket) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("offerTicket"));
  }
}
