package io.ppnode.node.transfer;

import io.ppnode.node.net.PeerConnection;
import io.ppnode.node.net.ReceivedChunk;
import io.ppnode.protocol.FileEntry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches chunks from one peer and hands on only those that hash to the owner's index. A chunk
 * that does not is discarded and asked for again (of the owner; of a member, it fails with
 * {@link ChunkMismatchException} so that the {@link Swarm} asks another peer); the peer is counted, and once it has sent more
 * than {@link #BAD_CHUNK_LIMIT} bad chunks on this connection it is dropped: the connection is
 * closed and every chunk still owed fails with {@link BadPeerException}. Hashing runs on the
 * disk executor, off the event loop and in parallel across chunks.
 */
final class VerifiedFetcher {
  private static final Logger log = LoggerFactory.getLogger(VerifiedFetcher.class);
  /** Bad chunks forgiven per connection: a changed file on the owner explains a few, not many. */
  static final int BAD_CHUNK_LIMIT = 4;

  private final PeerConnection peer;
  private final String projectId;
  private final Executor disk;
  private final AtomicInteger badChunks = new AtomicInteger();
  /** Ask this peer again after a bad chunk (the owner), or fail it so another peer is asked (a member). */
  private final boolean askAgain;

  VerifiedFetcher(PeerConnection peer, String projectId, Executor disk) {
    this(peer, projectId, disk, true);
  }

  VerifiedFetcher(PeerConnection peer, String projectId, Executor disk, boolean askAgain) {
    this.peer = peer;
    this.projectId = projectId;
    this.disk = disk;
    this.askAgain = askAgain;
  }

  PeerConnection peer() {
    return peer;
  }

  /** Completes with a chunk whose bytes hash to {@code c.sha256()}; the caller closes it. */
  CompletableFuture<ReceivedChunk> fetch(String path, FileEntry.ChunkRef c) {
    if (dropped()) {
      return CompletableFuture.failedFuture(new BadPeerException(peer.peerId(), badChunks.get()));
    }
    return peer.chunk(projectId, path, c.offset(), c.length(), c.sha256())
        .thenComposeAsync(rc -> {
          if (FileJob.matches(c.sha256(), rc.buffers())) {
            return CompletableFuture.completedFuture(rc);
          }
          rc.close();
          int bad = badChunks.incrementAndGet();
          if (bad <= BAD_CHUNK_LIMIT + 1) { // chunks still in flight after the drop add nothing
            log.warn("{} sent a chunk of {} at {} that does not match the index ({} so far)",
                peer.peerId(), path, c.offset(), bad);
          }
          if (dropped()) {
            peer.close();
            return CompletableFuture.failedFuture(new BadPeerException(peer.peerId(), bad));
          }
          return askAgain ? fetch(path, c) : CompletableFuture.failedFuture(new ChunkMismatchException(path, c.offset()));
        }, disk);
  }

  /** Bad chunks this peer has sent on this connection. */
  int badChunks() {
    return badChunks.get();
  }

  private boolean dropped() {
    return badChunks.get() > BAD_CHUNK_LIMIT;
  }
}
