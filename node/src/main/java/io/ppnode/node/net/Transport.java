package io.ppnode.node.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
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
 * peers; everything above it sees only {@link PeerConnection} and {@link PeerHandler}.
 */
public final class Transport implements AutoCloseable {
  private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
  private final SSLContext tls;
  private final Executor workers;
  private final EventLoopGroup group;

  public Transport(Identity identity, Executor workers) {
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
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(4 << 20, 8 << 20))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            children.add(ch);
            ch.closeFuture().addListener(f -> children.remove(ch));
            install(ch, false, new PeerChannelHandler(null, handler.forRemote(ch.remoteAddress()), workers));
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
    if (addresses.isEmpty()) {
      throw new PeerUnreachableException("no address known for node " + expectedPeerId);
    }
    List<CompletableFuture<PeerConnection>> attempts = new ArrayList<>();
    for (HostPort a : addresses) {
      attempts.add(dial(a, expectedPeerId, handler, timeout));
    }
    CompletableFuture<PeerConnection> first = new CompletableFuture<>();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(attempts.size());
    for (int i = 0; i < attempts.size(); i++) {
      HostPort a = addresses.get(i);
      attempts.get(i).whenComplete((c, err) -> {
        if (c != null) {
          if (!first.complete(c)) {
            c.close();
          }
        } else {
          failures.add(a + ": " + describe(err));
          if (left.decrementAndGet() == 0) {
            first.completeExceptionally(new PeerUnreachableException(
                "cannot reach node " + expectedPeerId + " (" + String.join("; ", failures) + ")"));
          }
          return;
        }
        left.decrementAndGet();
      });
    }
    try {
      return first.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof PeerUnreachableException p ? p : new PeerUnreachableException(describe(e.getCause()));
    } catch (TimeoutException e) {
      attempts.forEach(f -> f.thenAccept(PeerConnection::close));
      throw new PeerUnreachableException("timed out reaching node " + expectedPeerId + " at " + addresses);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerUnreachableException("interrupted");
    }
  }

  private CompletableFuture<PeerConnection> dial(HostPort a, String expectedPeerId, PeerHandler handler, Duration timeout) {
    PeerChannelHandler peer = new PeerChannelHandler(expectedPeerId, handler, workers);
    Bootstrap b = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(4 << 20, 8 << 20))
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

  private static String describe(Throwable t) {
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
