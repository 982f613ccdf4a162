package io.ppnode.node.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.ppnode.node.identity.Identity;
import io.ppnode.node.identity.TlsContexts;
import io.ppnode.protocol.ProtocolCodecs;
import io.ppnode.protocol.relay.RelayFrame;
import io.ppnode.protocol.relay.RelayFrameCodec;
import io.ppnode.protocol.relay.RelayFrameDecoder;
import io.ppnode.protocol.relay.RelayWire;
import io.ppnode.node.identity.NodeId;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The node's Netty side: one event loop group, TLS 1.3 with the node's identity, and the peer
 * pipeline ({@code tls -> frames -> messages -> PeerChannelHandler}). Binds a listener and dials
 * peers, directly or through relays ({@link RelayLink} on the serving side, a relay dial racing
 * the direct ones on the member side); everything above it sees only {@link PeerConnection} and
 * {@link PeerHandler}. It is the one place that builds pipelines.
 */
public final class Transport implements AutoCloseable {
  private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
  /** Heap buffers throughout, socket reads included: see {@link HeapBufferAllocator}. */
  static final ByteBufAllocator HEAP = HeapBufferAllocator.INSTANCE;
  /** How long direct dials run alone before relays join the race (happy eyeballs' head start). */
  public static final Duration RELAY_HEAD_START = Duration.ofMillis(1500);
  private final Identity identity;
  private final SSLContext tls;
  private final Executor workers;
  private final EventLoopGroup group;
  /** Reported in the HELLO of connections this node accepts: where members can find it next time. */
  private volatile List<String> advertised = List.of();

  /** Reported with {@link #advertised}: the relays this node keeps a registration at. */
  private volatile List<String> advertisedRelays = List.of();

  /** Sets the HOST:PORT addresses that accepted connections report to their peer. */
  public void advertise(List<String> addresses) {
    advertised = firstOf(addresses, io.ppnode.protocol.Limits.MAX_HELLO_ADDRESSES);
  }

  /** Sets the relay URLs ({@code relay://HOST:PORT}) that connections report with the addresses. */
  public void advertiseRelays(List<String> relays) {
    advertisedRelays = firstOf(relays, io.ppnode.protocol.Limits.MAX_HELLO_RELAYS);
  }

  /** As many of {@code list} as a HELLO may carry: a longer one would be refused whole. */
  private static List<String> firstOf(List<String> list, int max) {
    return List.copyOf(list.size() > max ? list.subList(0, max) : list);
  }

  public Transport(Identity identity, Executor workers) {
    this.identity = identity;
    this.tls = TlsContexts.create(identity);
    this.workers = workers;
    this.group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  /** A bound listener; close it to stop accepting (open connections are closed too). */
  public interface Listener extends AutoCloseable {
    InetSocketAddress address();

    /**
     * Closes every accepted connection whose peer proved it is {@code peerId}; returns how many.
     * Used when the owner revokes a member, so that it loses access at once, not at its next
     * connection.
     */
    int disconnect(String peerId);

    @Override
    void close();
  }

  public Listener listen(HostPort where, PeerHandler handler) throws InterruptedException {
    List<Channel> children = java.util.Collections.synchronizedList(new ArrayList<>());
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.ALLOCATOR, HEAP)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(4 << 20, 8 << 20))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            children.add(ch);
            ch.closeFuture().addListener(f -> children.remove(ch));
            install(ch, false, new PeerChannelHandler(null, handler.forRemote(ch.remoteAddress()), workers, advertised, advertisedRelays));
          }
        });
    Channel server = b.bind(where.host(), where.port()).sync().channel();
    InetSocketAddress bound = (InetSocketAddress) server.localAddress();
    return new Listener() {
      @Override
      public InetSocketAddress address() {
        return bound;
      }

      @Override
      public int disconnect(String peerId) {
        List<Channel> open;
        synchronized (children) {
          open = new ArrayList<>(children);
        }
        int closed = 0;
        for (Channel c : open) {
          PeerChannelHandler peer = c.pipeline().get(PeerChannelHandler.class);
          if (peer != null && peerId.equals(peer.peerId())) {
            c.close().syncUninterruptibly();
            closed++;
          }
        }
        return closed;
      }

      @Override
      public void close() {
        server.close().syncUninterruptibly();
        List<Channel> open;
        synchronized (children) {
          open = new ArrayList<>(children);
        }
        open.forEach(c -> c.close().syncUninterruptibly());
      }
    };
  }

  /**
   * Dials every address at once and keeps the first connection that proves it is
   * {@code expectedPeerId}; the others are closed. {@code handler} answers requests the peer
   * makes on this connection, or null.
   */
  public PeerConnection connect(List<HostPort> addresses, String expectedPeerId, PeerHandler handler, Duration timeout)
      throws PeerUnreachableException {
    return connect(addresses, List.of(), expectedPeerId, handler, timeout);
  }

  /**
   * As {@link #connect(List, String, PeerHandler, Duration)}, with relays: the direct addresses
   * get {@link #RELAY_HEAD_START} to themselves (or until they have all failed), then the relays
   * are tried too, and the first connection of any kind whose TLS handshake proves {@code
   * expectedPeerId} wins.
   */
  public PeerConnection connect(List<HostPort> addresses, List<RelayUrl> relays, String expectedPeerId,
      PeerHandler handler, Duration timeout) throws PeerUnreachableException {
    return connect(addresses, CompletableFuture.completedFuture(List.of()), relays, expectedPeerId, handler, timeout);
  }

  /**
   * As above, with direct addresses that arrive while the others are being dialed ({@code late},
   * say an mDNS answer): each new one joins the race when it arrives, and the relays wait for it
   * as they wait for the direct addresses.
   */
  public PeerConnection connect(List<HostPort> addresses, CompletableFuture<List<HostPort>> late,
      List<RelayUrl> relays, String expectedPeerId, PeerHandler handler, Duration timeout)
      throws PeerUnreachableException {
    if (addresses.isEmpty() && relays.isEmpty() && late.isDone() && late.join().isEmpty()) {
      throw new PeerUnreachableException("no address known for node " + expectedPeerId);
    }
    PeerRace race = new PeerRace(expectedPeerId);
    Runnable entering = race.hold();
    Runnable lateHold = race.hold();
    Runnable viaRelays = race.once(() -> {
      for (RelayUrl r : relays) {
        race.enter(r.toString(), dialViaRelay(r, expectedPeerId, handler, timeout));
      }
    });
    race.whenDirectFailed(viaRelays);
    for (HostPort a : addresses) {
      race.enter(a.toString(), dial(a, expectedPeerId, handler, timeout));
    }
    late.whenComplete((found, err) -> {
      for (HostPort a : found == null ? List.<HostPort>of() : found) {
        if (!addresses.contains(a)) {
          race.enter(a.toString(), dial(a, expectedPeerId, handler, timeout));
        }
      }
      lateHold.run();
    });
    if (!relays.isEmpty()) {
      group.schedule(viaRelays, RELAY_HEAD_START.toMillis(), TimeUnit.MILLISECONDS);
    }
    entering.run();
    return race.await(timeout.toMillis() + RELAY_HEAD_START.toMillis() + 1000);
  }

  /**
   * A peer connection through {@code relay}: CONNECT to the peer's node id, wait for the relay's
   * OK, then TLS as a client pinned to {@code expectedPeerId}, end to end through the splice.
   */
  CompletableFuture<PeerConnection> dialViaRelay(RelayUrl relay, String expectedPeerId, PeerHandler handler,
      Duration timeout) {
    PeerChannelHandler peer = new PeerChannelHandler(expectedPeerId, handler, workers, advertised, advertisedRelays);
    byte[] target = NodeId.parse(expectedPeerId).digest();
    RelayFrame connect = new RelayFrame.Connect(RelayWire.VERSION, target);
    viaRelay(relay.address(), connect, true, peer, timeout)
        .addListener(f -> {
          if (!f.isSuccess()) {
            peer.ready().completeExceptionally(f.cause());
          }
        });
    return peer.ready();
  }

  /** The serving side of an INVITE: a data connection that JOINs with {@code token}, then serves as a TLS server. */
  void answerViaRelay(HostPort relay, byte[] token, PeerHandler handler) {
    PeerChannelHandler peer = new PeerChannelHandler(null, handler, workers, advertised, advertisedRelays);
    viaRelay(relay, new RelayFrame.Join(RelayWire.VERSION, token), false, peer,
        Duration.ofMillis(HANDSHAKE_TIMEOUT_MS));
  }

  private ChannelFuture viaRelay(HostPort relay, RelayFrame opening, boolean client, PeerChannelHandler peer,
      Duration timeout) {
    return peerBootstrap(timeout)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast("relay", new RelayHandshakeHandler(opening,
                ctx -> install((SocketChannel) ctx.channel(), client, peer),
                err -> peer.ready().completeExceptionally(err)));
          }
        })
        .connect(new InetSocketAddress(relay.host(), relay.port()));
  }

  /** Options of every outgoing connection that will carry TLS, direct or through a relay. */
  private Bootstrap peerBootstrap(Duration timeout) {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.ALLOCATOR, HEAP)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(4 << 20, 8 << 20));
  }

  /** Starts a standing, registered control connection to {@code relay}; close it to stop. */
  public RelayLink linkTo(RelayUrl relay, PeerHandler handler) {
    RelayLink link = new RelayLink(this, relay, handler, identity);
    link.connect();
    return link;
  }

  ChannelFuture openRelayControl(HostPort relay, ChannelHandler logic) {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, HANDSHAKE_TIMEOUT_MS)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast("frames", new RelayFrameDecoder());
            ch.pipeline().addLast("codec", RelayFrameCodec.INSTANCE);
            ch.pipeline().addLast("link", logic);
          }
        })
        .connect(new InetSocketAddress(relay.host(), relay.port()));
  }

  void schedule(Runnable task, long delayMs) {
    if (!group.isShuttingDown()) {
      group.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }
  }

  private CompletableFuture<PeerConnection> dial(HostPort a, String expectedPeerId, PeerHandler handler, Duration timeout) {
    PeerChannelHandler peer = new PeerChannelHandler(expectedPeerId, handler, workers, advertised, advertisedRelays);
    Bootstrap b = peerBootstrap(timeout)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            install(ch, true, peer);
          }
        });
    b.connect(new InetSocketAddress(a.host(), a.port())).addListener(f -> {
      if (!f.isSuccess()) {
        peer.ready().completeExceptionally(f.cause());
      }
    });
    return peer.ready();
  }

  private void install(SocketChannel ch, boolean client, PeerChannelHandler peer) {
    SSLEngine engine = tls.createSSLEngine();
    engine.setUseClientMode(client);
    // TLS 1.3, AES-GCM only, and the server demands a client certificate: mutual auth.
    engine.setSSLParameters(TlsContexts.parameters(!client));
    SslHandler ssl = new SslHandler(engine);
    ssl.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS);
    ch.pipeline().addLast("tls", ssl);
    ProtocolCodecs.addTo(ch.pipeline());
    ch.pipeline().addLast("peer", peer);
  }

  static String describe(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && (c instanceof ExecutionException || c instanceof java.util.concurrent.CompletionException)) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return m == null ? c.getClass().getSimpleName() : m;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
