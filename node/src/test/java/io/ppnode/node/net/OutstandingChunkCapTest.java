package io.ppnode.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.ppnode.node.Await;
import io.ppnode.node.LocalNode;
import io.ppnode.node.ServingNode;
import io.ppnode.node.Trees;
import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.identity.Identity;
import io.ppnode.node.identity.TlsContexts;
import io.ppnode.node.invite.InviteCodec;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.ProtocolCodecs;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real member (its own key, joined with a real invite, real TLS on 127.0.0.1) that asks a
 * serving owner for chunks and stops reading the answers. Up to {@link
 * PeerChannelHandler#MAX_INBOUND_CHUNK_BYTES} outstanding it is served in full, twice in a row
 * (the owner forgets what it has answered); past the cap the owner drops the connection instead
 * of holding the answers in memory, and keeps serving other members. The member side is the
 * node's own {@link PeerChannelHandler} and codecs on a channel whose reads the test switches off.
 */
@Timeout(180)
class OutstandingChunkCapTest {
  /** Up to this size a file is one chunk, so one file gives requests of a known, large size. */
  private static final int WHOLE_FILE_BYTES = 256 << 10;

  @TempDir Path tmp;
  ServingNode owner;
  Path source;
  String projectId;
  String ownerId;
  EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  ExecutorService workers = Executors.newFixedThreadPool(2);

  @BeforeEach
  void start() throws Exception {
    source = Files.createDirectories(tmp.resolve("source"));
    byte[] bytes = new byte[WHOLE_FILE_BYTES];
    new Random(11).nextBytes(bytes);
    Files.write(source.resolve("whole.bin"), bytes);
    Files.writeString(source.resolve("small.txt"), "served to the next member too");
    owner = ServingNode.start(tmp.resolve("owner-home"), Optional.of("127.0.0.1:0"));
    projectId = owner.api().share(source, Optional.of("proj")).projectId();
    ownerId = owner.api().status().nodeId();
  }

  @AfterEach
  void stop() {
    owner.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownNow();
  }

  @Test
  void aMemberThatStopsReadingIsDroppedPastTheCapAndOthersAreStillServed() throws Exception {
    PeerChannelHandler member = new PeerChannelHandler(ownerId, null, workers, List.of(), List.of());
    Channel ch = dial(Identity.generate(), member);
    PeerConnection conn = member.ready().get(10, TimeUnit.SECONDS);
    conn.join(projectId, secret()).get(10, TimeUnit.SECONDS);
    List<FileEntry> index = new ArrayList<>();
    conn.index(projectId, 0, page -> index.addAll(page.files())).get(10, TimeUnit.SECONDS);
    FileEntry whole = index.stream().filter(e -> e.path().equals("whole.bin")).findFirst().orElseThrow();
    assertEquals(1, whole.chunks().size(), "a file of 256 KiB is one chunk");
    FileEntry.ChunkRef chunk = whole.chunks().get(0);
    int window = (int) (PeerChannelHandler.MAX_INBOUND_CHUNK_BYTES / chunk.length());
    assertEquals(PeerChannelHandler.MAX_INBOUND_CHUNK_BYTES, (long) window * chunk.length(), "the window is exactly the cap");

    // Exactly the cap asked for while not reading, then read: every answer arrives. Twice, so
    // that an owner that did not forget answered bytes would trip on the second window.
    for (int round = 0; round < 2; round++) {
      ch.config().setAutoRead(false);
      List<CompletableFuture<ReceivedChunk>> asked = ask(conn, whole, window);
      ch.config().setAutoRead(true);
      for (CompletableFuture<ReceivedChunk> f : asked) {
        try (ReceivedChunk c = f.get(60, TimeUnit.SECONDS)) {
          assertArrayEquals(chunk.sha256().bytes(), sha256(c));
        }
      }
      assertTrue(ch.isActive(), "a member within the cap keeps its connection");
    }

    // Twice the cap while never reading: the owner, unable to write, must drop us once the
    // unanswered bytes pass the cap. A channel that does not read does not see the close, so
    // each poll writes a small index request: once the owner is gone, a write fails and the
    // channel closes.
    ch.config().setAutoRead(false);
    List<CompletableFuture<ReceivedChunk>> flood = ask(conn, whole, 2 * window);
    long sequence = owner.api().status().projects().get(0).sequence();
    Await.until("the owner to drop the member that does not read", Duration.ofSeconds(60), () -> {
      if (!ch.isActive()) {
        return true;
      }
      conn.index(projectId, sequence, page -> { });
      return false;
    });
    Await.until("every unanswered request to fail", () -> flood.stream().allMatch(CompletableFuture::isDone));
    assertTrue(flood.stream().allMatch(CompletableFuture::isCompletedExceptionally),
        "nothing was read, so nothing can have been answered");

    // The owner is unharmed: another member joins and gets the whole tree.
    String token = owner.api().invite("proj", Duration.ofHours(1), 1, List.of()).token();
    try (NodeApi next = LocalNode.open(tmp.resolve("next-home"))) {
      assertTrue(next.join(token, tmp.resolve("copy"), ProgressListener.NONE).inSync());
    }
    assertEquals(Trees.digest(source), Trees.digest(tmp.resolve("copy")));
  }

  private List<CompletableFuture<ReceivedChunk>> ask(PeerConnection conn, FileEntry file, int times) {
    FileEntry.ChunkRef c = file.chunks().get(0);
    List<CompletableFuture<ReceivedChunk>> asked = new ArrayList<>(times);
    for (int i = 0; i < times; i++) {
      asked.add(conn.chunk(projectId, file.path(), c.offset(), c.length(), c.sha256()));
    }
    return asked;
  }

  private String secret() throws Exception {
    String token = owner.api().invite("proj", Duration.ofHours(1), 1, List.of()).token();
    return InviteCodec.decode(token).secret().encoded();
  }

  /** The member's pipeline as {@link Transport} builds it, on a channel the test controls. */
  private Channel dial(Identity me, PeerChannelHandler peer) throws InterruptedException {
    return new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            SSLEngine engine = TlsContexts.create(me).createSSLEngine();
            engine.setUseClientMode(true);
            engine.setSSLParameters(TlsContexts.parameters(false));
            ch.pipeline().addLast("tls", new SslHandler(engine));
            ProtocolCodecs.addTo(ch.pipeline());
            ch.pipeline().addLast("peer", peer);
          }
        })
        .connect(owner.address()).sync().channel();
  }

  private static byte[] sha256(ReceivedChunk c) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (ByteBuffer b : c.buffers()) {
      d.update(b);
    }
    return d.digest();
  }
}
