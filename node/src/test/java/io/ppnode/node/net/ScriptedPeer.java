package io.ppnode.node.net;

import io.netty.buffer.Unpooled;
import io.ppnode.node.identity.Identity;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.StoredIdentity;
import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A scripted owner for tests of the member's fetch path: it serves the index from a real owner
 * manifest and chunks from the real shared files, and can be told to corrupt its first answers
 * or to lose the connection after a number of bytes. It records every chunk asked of it.
 */
public final class ScriptedPeer extends TestPeerBase {
  private final Manifest owner;
  private final Path sharedRoot;
  private final AtomicInteger corruptLeft;
  private final long loseAfterBytes;
  private final AtomicLong served = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<String> requested = new CopyOnWriteArrayList<>();

  /** Serves {@code sharedRoot} as indexed in {@code owner}; corrupts the first answers, loses the link after a while. */
  public ScriptedPeer(Manifest owner, Path sharedRoot, int corruptFirst, long loseAfterBytes) {
    this.owner = owner;
    this.sharedRoot = sharedRoot;
    this.corruptLeft = new AtomicInteger(corruptFirst);
    this.loseAfterBytes = loseAfterBytes;
  }

  /** An honest peer. */
  public ScriptedPeer(Manifest owner, Path sharedRoot) {
    this(owner, sharedRoot, 0, Long.MAX_VALUE);
  }

  /** {@code path@offset} of every chunk requested, in order. */
  public List<String> requested() {
    return requested;
  }

  /** Chunk payload bytes answered (good or corrupt). */
  public long served() {
    return served.get();
  }

  public boolean closed() {
    return closed.get();
  }

  /** The owner's own node id, which a member must pin so that the owner's signed entries verify. */
  public static String ownerId(Manifest owner) {
    return owner.identity().orElseThrow().nodeId();
  }

  @Override
  public String peerId() {
    return ownerId(owner);
  }

  @Override
  public PublicKey peerKey() {
    StoredIdentity id = owner.identity().orElseThrow();
    return Identity.decode(id.privateKeyPkcs8(), id.certificateDer()).keyPair().getPublic();
  }

  @Override
  public List<String> peerAddresses() {
    return List.of();
  }


  @Override
  public CompletableFuture<Void> index(String project, long since, Consumer<Message.IndexPage> pages) {
    var files = owner.filesAfter(project, since, Integer.MAX_VALUE);
    long seq = files.stream().mapToLong(f -> f.sequence()).max().orElse(since);
    pages.accept(new Message.IndexPage(1, project, seq, true, files));
    return CompletableFuture.completedFuture(null);
  }




  @Override
  public CompletableFuture<ReceivedChunk> chunk(String project, String path, long offset, int length, ChunkHash sha256) {
    requested.add(path + "@" + offset);
    if (closed.get() || served.get() >= loseAfterBytes) {
      closed.set(true);
      return CompletableFuture.failedFuture(new ClosedChannelException());
    }
    ByteBuffer buf = ByteBuffer.allocate(length);
    try (FileChannel in = FileChannel.open(sharedRoot.resolve(path), StandardOpenOption.READ)) {
      while (buf.hasRemaining() && in.read(buf, offset + buf.position()) > 0) {
        // reads until full
      }
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    buf.flip();
    if (corruptLeft.getAndDecrement() > 0) {
      buf.put(0, (byte) (buf.get(0) ^ 0x5a));
    }
    served.addAndGet(length);
    return CompletableFuture.completedFuture(new ReceivedChunk(Unpooled.wrappedBuffer(buf)));
  }

  @Override
  public long chunkBytesReceived() {
    return served.get();
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
