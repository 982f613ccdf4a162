package io.ppnode.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.ppnode.node.LocalNode;
import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.Await;
import io.ppnode.node.identity.EntrySigner;
import io.ppnode.node.identity.Identity;
import io.ppnode.node.identity.ProjectIds;
import io.ppnode.node.identity.TlsContexts;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.FrameDecoder;
import io.ppnode.protocol.Message;
import io.ppnode.protocol.MessageDecoder;
import io.ppnode.protocol.MessageEncoder;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongFunction;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scripted fake owner, with a real TLS identity, that answers the member's index request with
 * a hand-made INDEX_PAGE naming a hostile path. Our encoder cannot produce such a page, hence
 * raw bytes. The member's decoder must refuse it: the connection closes, the pull fails, and
 * nothing is written inside or outside the project dir.
 */
@Timeout(60)
class HostileOwnerTest {
  private static final String HELLO_SHA = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
  /** The file hash of a file whose one chunk is {@code hello} (docs/protocol.md 7). */
  private static final String HELLO_FILE = "9595c9df90075148eb06860365df33584b75bff782a510c6cd4883a419833d50";
  @TempDir Path tmp;
  EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape.txt", "a/../../escape.txt", "/tmp/ppnode-absolute.txt", "a\\u0000b",
      "e\\u0301-not-nfc.txt", "a//b.txt"})
  void aPageWithAHostilePathClosesTheConnectionAndWritesNothing(String jsonPath) throws Exception {
    Identity ownerId = Identity.generate();
    String project = ProjectIds.newId();
    String page = "{\"requestId\":%d,\"project\":\"" + project + "\",\"sequence\":5,\"last\":true,\"files\":["
        + "{\"path\":\"" + jsonPath + "\",\"kind\":\"FILE\",\"size\":5,\"mtime\":1700000000000,\"mode\":420,"
        + "\"sha256\":\"" + HELLO_SHA + "\",\"sequence\":5,\"deleted\":false,"
        + "\"chunks\":[{\"offset\":0,\"length\":5,\"sha256\":\"" + HELLO_SHA + "\"}],"
        // Any signature: the path must be refused by the decoder before signatures matter.
        + "\"signature\":\"" + "00".repeat(64) + "\"}]}";
    AtomicBoolean asked = new AtomicBoolean();
    Channel server = fakeOwner(ownerId,
        id -> frame(0x21, page.replace("%d", Long.toString(id)).getBytes(StandardCharsets.UTF_8)), asked, new AtomicBoolean());
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path root = Files.createDirectories(tmp.resolve("space/member/project"));
    Path home = tmp.resolve("member-home");
    joined(home, project, ownerId, server, root, 0);
    try (NodeApi member = LocalNode.open(home)) {
      PpnodeException e = assertThrows(PpnodeException.class, () -> member.pull(Optional.of("proj"), ProgressListener.NONE));
      assertTrue(asked.get(), "the member did ask for the index: " + e.getMessage());
    } finally {
      server.close().syncUninterruptibly();
    }
    assertEquals(List.of(), list(root), "nothing written in the project");
    assertEquals(List.of(), list(outside), "nothing written outside it");
    assertEquals(List.of(root.getParent().resolve("project")), list(tmp.resolve("space/member")));
    assertTrue(Files.notExists(Path.of("/tmp/ppnode-absolute.txt")));
  }

  /**
   * Index entries the owner did not sign as they are: signed by another key, or altered after
   * signing (size and chunk, so the member would fetch other bytes); or signed but with a file
   * hash that is not its chunk list's. The page holds one good entry first; the member must
   * refuse the whole page, apply nothing of it, and drop the peer.
   */
  @ParameterizedTest
  @ValueSource(strings = {"signed-by-another-key", "altered-after-signing", "signed-for-another-project",
      "file-hash-not-of-its-chunks"})
  void aForgedOrAlteredEntryIsRefusedAndNothingOfThePageIsApplied(String forgery) throws Exception {
    Identity ownerId = Identity.generate();
    String project = ProjectIds.newId();
    EntrySigner owner = new EntrySigner(ownerId.keyPair().getPrivate());
    ChunkHash hello = ChunkHash.ofHex(HELLO_SHA);
    ChunkHash helloFile = ChunkHash.ofHex(HELLO_FILE);
    FileEntry good = owner.sign(project, new FileEntry("docs", FileEntry.Kind.DIRECTORY, 0, 1_700_000_000_000L, 0755,
        null, 1, false, List.of()));
    FileEntry file = new FileEntry("docs/a.txt", FileEntry.Kind.FILE, 5, 1_700_000_000_000L, 0644, helloFile, 2, false,
        List.of(new FileEntry.ChunkRef(0, 5, hello)));
    FileEntry bad = switch (forgery) {
      case "signed-by-another-key" -> new EntrySigner(Identity.generate().keyPair().getPrivate()).sign(project, file);
      case "altered-after-signing" -> new FileEntry(file.path(), file.kind(), 6, file.mtime(), file.mode(), helloFile, 2,
          false, List.of(new FileEntry.ChunkRef(0, 6, hello)), owner.sign(project, file).signature());
      case "file-hash-not-of-its-chunks" -> owner.sign(project, new FileEntry(file.path(), file.kind(), 5, file.mtime(),
          file.mode(), hello, 2, false, file.chunks()));
      default -> owner.sign("otherproject", file);
    };
    AtomicBoolean asked = new AtomicBoolean();
    AtomicBoolean dropped = new AtomicBoolean();
    Channel server = fakeOwner(ownerId, id -> encode(new Message.IndexPage(id, project, 2, true, List.of(good, bad))), asked,
        dropped);
    Path root = Files.createDirectories(tmp.resolve("member/project"));
    Path home = tmp.resolve("member-home");
    joined(home, project, ownerId, server, root, 0);
    try (NodeApi member = LocalNode.open(home)) {
      PpnodeException e = assertThrows(PpnodeException.class, () -> member.pull(Optional.of("proj"), ProgressListener.NONE));
      String why = forgery.equals("file-hash-not-of-its-chunks") ? "file hash that is not its chunk list's"
          : "not signed by the project's owner";
      assertTrue(e.getMessage().contains(why), e.getMessage());
      Await.until("the member dropped the peer that sent it", dropped::get);
    } finally {
      server.close().syncUninterruptibly();
    }
    assertEquals(List.of(), list(root), "not even the well-signed directory of that page was made");
    try (Manifest m = Manifest.open(home)) {
      assertEquals(List.of(), m.files(project), "nothing of the page reached the manifest");
      assertEquals(0, m.project(project).orElseThrow().sequence());
    }
  }

  /**
   * A (hostile or careless) owner sends names that differ only by case, signed: two files
   * {@code A.txt} and {@code a.txt}, and {@code DOCS/evil.txt} where the member holds {@code docs/}.
   * On a case-insensitive file system each would be written through the other name, so the
   * member refuses them all (tested here on Linux, where it could have written them) and the
   * pull fails with the reason; the unrelated directory of the same page is applied.
   */
  @Test
  void namesThatDifferOnlyByCaseAreNotWritten() throws Exception {
    Identity ownerId = Identity.generate();
    String project = ProjectIds.newId();
    EntrySigner owner = new EntrySigner(ownerId.keyPair().getPrivate());
    ChunkHash hello = ChunkHash.ofHex(HELLO_SHA);
    List<FileEntry> entries = new java.util.ArrayList<>();
    for (String path : List.of("A.txt", "a.txt", "DOCS/evil.txt")) {
      entries.add(owner.sign(project, new FileEntry(path, FileEntry.Kind.FILE, 5, 1_700_000_000_000L, 0644,
          ChunkHash.ofHex(HELLO_FILE), entries.size() + 3, false, List.of(new FileEntry.ChunkRef(0, 5, hello)))));
    }
    for (String dir : List.of("DOCS", "fine")) {
      entries.add(owner.sign(project, new FileEntry(dir, FileEntry.Kind.DIRECTORY, 0, 1_700_000_000_000L, 0755, null,
          entries.size() + 3, false, List.of())));
    }
    Channel server = fakeOwner(ownerId, id -> encode(new Message.IndexPage(id, project, 9, true, entries)),
        new AtomicBoolean(), new AtomicBoolean());
    Path root = Files.createDirectories(tmp.resolve("member/project"));
    Files.createDirectories(root.resolve("docs"));
    Path home = tmp.resolve("member-home");
    joined(home, project, ownerId, server, root, 2, owner.sign(project,
        new FileEntry("docs", FileEntry.Kind.DIRECTORY, 0, 1_700_000_000_000L, 0755, null, 2, false, List.of())));
    try (NodeApi member = LocalNode.open(home)) {
      PpnodeException e = assertThrows(PpnodeException.class, () -> member.pull(Optional.of("proj"), ProgressListener.NONE));
      assertTrue(e.getMessage().contains("4 file(s) could not be pulled") && e.getMessage().contains("differs only by case"),
          e.getMessage());
    } finally {
      server.close().syncUninterruptibly();
    }
    assertEquals(List.of(root.resolve(".ppnode"), root.resolve("docs"), root.resolve("fine")),
        list(root).stream().sorted().toList());
    assertEquals(List.of(), list(root.resolve("docs")));
    try (Manifest m = Manifest.open(home)) {
      assertEquals(List.of("docs", "fine"), m.files(project).stream().map(FileEntry::path).toList());
      assertEquals(2, m.project(project).orElseThrow().sequence(), "the pull did not complete");
    }
  }

  /** A member home that joined {@code project} of the fake owner at {@code server} and applied {@code applied}. */
  private static void joined(Path home, String project, Identity owner, Channel server, Path root, long sequence,
      FileEntry... applied) {
    int port = ((InetSocketAddress) server.localAddress()).getPort();
    try (Manifest m = Manifest.open(home)) {
      m.insertProject(new ProjectRecord(project, "proj", Role.MEMBER, root, owner.id().toString(),
          List.of("127.0.0.1:" + port), sequence, null));
      m.putFiles(project, List.of(applied), sequence);
    }
  }

  private static byte[] encode(Message m) {
    EmbeddedChannel encoder = new EmbeddedChannel(MessageEncoder.INSTANCE);
    encoder.writeOutbound(m);
    ByteBuf frame = encoder.readOutbound();
    byte[] bytes = new byte[frame.readableBytes()];
    frame.readBytes(bytes);
    frame.release();
    return bytes;
  }

  private static List<Path> list(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  private static byte[] frame(int type, byte[] payload) {
    return ByteBuffer.allocate(5 + payload.length).putInt(1 + payload.length).put((byte) type).put(payload).array();
  }

  /**
   * Accepts TLS as {@code id}, says HELLO, and answers the member's index request with {@code
   * answer} of its request id; anything else the member asks (its peers) goes unanswered.
   */
  private Channel fakeOwner(Identity id, LongFunction<byte[]> answer, AtomicBoolean asked, AtomicBoolean dropped)
      throws InterruptedException {
    byte[] hello = frame(0x01, concat(new byte[] {0x50, 0x50, 0x4e, 0x44, 0, 1},
        "{\"agent\":\"fake-owner\"}".getBytes(StandardCharsets.UTF_8)));
    return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            SSLEngine engine = TlsContexts.create(id).createSSLEngine();
            engine.setUseClientMode(false);
            engine.setSSLParameters(TlsContexts.parameters(true));
            ch.pipeline().addLast(new SslHandler(engine), new FrameDecoder(), new MessageDecoder(),
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
                      ctx.writeAndFlush(Unpooled.wrappedBuffer(hello));
                    }
                  }

                  @Override
                  public void channelInactive(ChannelHandlerContext ctx) {
                    dropped.set(true);
                  }

                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ReferenceCountUtil.release(msg);
                    if (msg instanceof Message.IndexRequest r && asked.compareAndSet(false, true)) {
                      ctx.writeAndFlush(Unpooled.wrappedBuffer(answer.apply(r.requestId())));
                    }
                  }
                });
          }
        }).bind("127.0.0.1", 0).sync().channel();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
