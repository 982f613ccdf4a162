package io.ppnode.node.net;

import io.netty.buffer.Unpooled;
import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.Message;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A peer that answers chunk requests from bytes in memory, one at a time, each after a fixed
 * delay: a link of known speed, for tests of how the member spreads its requests. It serves only
 * chunks (nothing of the index or membership) and counts what it served.
 */
public final class PacedPeer extends TestPeerBase {
  private final String id;
  private final byte[] content;
  private final long delayNanos;
  private final ScheduledExecutorService timer;
  private final AtomicLong served = new AtomicLong();
  /** When the link is next free: answers queue behind each other, as on one connection. */
  private long freeAt;

  public PacedPeer(String id, byte[] content, Duration perChunk, ScheduledExecutorService timer) {
    this.id = id;
    this.content = content;
    this.delayNanos = perChunk.toNanos();
    this.timer = timer;
  }

  /** Chunk bytes answered so far. */
  public long served() {
    return served.get();
  }

  @Override
  public synchronized CompletableFuture<ReceivedChunk> chunk(String project, String path, long offset, int length,
      ChunkHash sha256) {
    long now = System.nanoTime();
    freeAt = Math.max(freeAt, now) + delayNanos;
    CompletableFuture<ReceivedChunk> answer = new CompletableFuture<>();
    timer.schedule(() -> {
      served.addAndGet(length);
      answer.complete(new ReceivedChunk(Unpooled.wrappedBuffer(content, (int) offset, length)));
    }, freeAt - now, TimeUnit.NANOSECONDS);
    return answer;
  }

  @Override
  public String peerId() {
    return id;
  }

  @Override
  public PublicKey peerKey() {
    return null;
  }

  @Override
  public List<String> peerAddresses() {
    return List.of();
  }



  @Override
  public CompletableFuture<Void> index(String project, long since, Consumer<Message.IndexPage> pages) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("index"));
  }



  @Override
  public long chunkBytesReceived() {
    return served.get();
  }

  @Override
  public void close() {}
}
