package io.ppnode.node.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.net.PacedPeer;
import io.ppnode.node.net.ReceivedChunk;
import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a {@link Swarm} spreads chunk requests: with a window of requests kept in flight, a peer
 * that answers faster is given more of them, and every chunk still comes back verified. The
 * links are paced in memory ({@link PacedPeer}) so that their speeds are known.
 */
@Timeout(60)
class SwarmSchedulingTest {
  private static final int CHUNK = 16 << 10;
  private static final int CHUNKS = 300;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
  private final ExecutorService disk = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    timer.shutdownNow();
    disk.shutdownNow();
  }

  @Test
  void aPeerFiveTimesFasterGetsMostOfTheChunks() throws Exception {
    byte[] content = new byte[CHUNK * CHUNKS];
    new Random(3).nextBytes(content);
    PacedPeer owner = new PacedPeer("owner", content, Duration.ofMillis(1), timer);
    PacedPeer slowMember = new PacedPeer("member", content, Duration.ofMillis(5), timer);
    Swarm swarm = new Swarm(owner, "p", disk);
    swarm.add(slowMember);

    // As the puller does: a bounded window of requests in flight, a new one as each ends.
    Semaphore window = new Semaphore(8);
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int i = 0; i < CHUNKS; i++) {
      FileEntry.ChunkRef c = chunk(content, i);
      window.acquire();
      all.add(swarm.fetch("f", c).thenAccept(rc -> {
        try (ReceivedChunk ignored = rc) {
          assertEquals(CHUNK, rc.length());
        } finally {
          window.release();
        }
      }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();

    System.out.printf("paced 1 ms vs 5 ms a chunk: owner %d B, member %d B%n", owner.served(), slowMember.served());
    assertEquals((long) CHUNK * CHUNKS, owner.served() + slowMember.served());
    assertEquals(slowMember.served(), swarm.bytesFromMembers());
    assertTrue(slowMember.served() > 0, "the slower member still took part");
    assertTrue(owner.served() > 2 * slowMember.served(),
        "owner " + owner.served() + " B, member " + slowMember.served() + " B");
  }

  private static FileEntry.ChunkRef chunk(byte[] content, int i) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(content, i * CHUNK, CHUNK);
    return new FileEntry.ChunkRef((long) i * CHUNK, CHUNK, ChunkHash.of(md.digest()));
  }
}
