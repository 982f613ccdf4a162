package io.ppnode.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ppnode.node.identity.Identity;
import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.ErrorCode;
import io.ppnode.protocol.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk counts as sent only once its bytes were read: a location that cannot be read (a member's
 * temp file renamed into place between the lookup and the read) reaches the asker as
 * CHUNK_UNAVAILABLE and is not counted, so the swarm's "who served what" adds up to what
 * members received. Real TLS on 127.0.0.1 between two transports.
 */
@Timeout(60)
class ChunkSentCountTest {
  @TempDir Path tmp;

  @Test
  void aLocationThatCannotBeReadIsRefusedAndNotCounted() throws Exception {
    Path present = Files.write(tmp.resolve("present"), new byte[4096]);
    Path gone = tmp.resolve("renamed-away");
    AtomicLong sent = new AtomicLong();
    PeerHandler serving = new PeerHandler() {
      @Override
      public Message.JoinAccepted onJoin(String peerId, Message.JoinRequest request) {
        throw new UnsupportedOperationException("join");
      }

      @Override
      public void onIndex(String peerId, Message.IndexRequest request, IndexSink sink) {
        throw new UnsupportedOperationException("index");
      }

      @Override
      public CompletableFuture<Long> onWatch(String peerId, Message.IndexWatch request) {
        throw new UnsupportedOperationException("watch");
      }

      @Override
      public ChunkLocation onChunk(String peerId, Message.ChunkRequest request) {
        return new ChunkLocation(request.path().equals("present") ? present : gone, 0, request.length());
      }

      @Override
      public void onChunkSent(String peerId, ChunkLocation where) {
        sent.addAndGet(where.length());
      }
    };
    ExecutorService workers = Executors.newFixedThreadPool(2);
    Identity server = Identity.generate();
    try (Transport a = new Transport(server, workers);
        Transport b = new Transport(Identity.generate(), workers);
        Transport.Listener listener = a.listen(HostPort.parse("127.0.0.1:0"), serving);
        PeerConnection c = b.connect(List.of(HostPort.of(listener.address())), server.id().toString(), null,
            Duration.ofSeconds(10))) {
      ChunkHash any = ChunkHash.of(new byte[ChunkHash.LENGTH]);
      c.chunk("p", "present", 0, 4096, any).get(10, TimeUnit.SECONDS).close();
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> c.chunk("p", "gone", 0, 4096, any).get(10, TimeUnit.SECONDS));
      assertEquals(ErrorCode.CHUNK_UNAVAILABLE, assertInstanceOf(PeerRequestException.class, e.getCause()).code());
      assertEquals(4096, sent.get(), "only the chunk that was read counts");
    } finally {
      workers.shutdownNow();
    }
  }
}
