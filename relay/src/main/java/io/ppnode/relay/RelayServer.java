package io.ppnode.relay;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.ppnode.protocol.relay.RelayFrameCodec;
import io.ppnode.protocol.relay.RelayFrameDecoder;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay: peers with no direct route meet here. A serving node keeps a registered control
 * connection; a member asks for it by node id; the relay invites the node to open a data
 * connection and splices the two byte for byte. TLS runs end to end through the splice, so the
 * relay sees only ciphertext and holds no key. Limits are in {@link RelayLimits}; the optional
 * status port answers HTTP GET with {@link RelayStatus} as JSON.
 */
public final class RelayServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RelayServer.class);
  static final String FRAMES = "frames";
  static final String CODEC = "codec";
  /** Status requests are tiny; anything larger is not a status request. */
  private static final int MAX_STATUS_REQUEST_BYTES = 4096;

  private final RelayState state;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel listener;
  private final Channel statusListener;

  private RelayServer(RelayState state, EventLoopGroup boss, EventLoopGroup workers, Channel listener,
      Channel statusListener) {
    this.state = state;
    this.boss = boss;
    this.workers = workers;
    this.listener = listener;
    this.statusListener = statusListener;
  }

  /** Binds the relay port (and the status port, if given) and starts serving. */
  public static RelayServer start(InetSocketAddress listen, Optional<InetSocketAddress> status, RelayLimits limits,
      RelayTap tap) throws InterruptedException {
    RelayState state = new RelayState(limits, tap);
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    try {
      Channel relay = new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(FRAMES, new RelayFrameDecoder());
              ch.pipeline().addLast(CODEC, RelayFrameCodec.INSTANCE);
              ch.pipeline().addLast(RelayConnectionHandler.NAME, new RelayConnectionHandler(state));
            }
          })
          .bind(listen).sync().channel();
      Channel statusChannel = null;
      if (status.isPresent()) {
        statusChannel = new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new ReadTimeoutHandler(10, TimeUnit.SECONDS));
                ch.pipeline().addLast(new HttpServerCodec(1024, 4096, 1024));
                ch.pipeline().addLast(new HttpObjectAggregator(MAX_STATUS_REQUEST_BYTES));
                ch.pipeline().addLast(new StatusHandler(state::status));
              }
            })
            .bind(status.get()).sync().channel();
      }
      RelayServer server = new RelayServer(state, boss, workers, relay, statusChannel);
      log.info("relay listening on {}{}", hostPort(server.address()),
          server.statusAddress().map(a -> " (status on http://" + hostPort(a) + "/)").orElse(""));
      return server;
    } catch (InterruptedException | RuntimeException e) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /**
   * Runs a relay with the default limits until the JVM is asked to stop (SIGTERM, Ctrl-C).
   * Addresses are {@code HOST:PORT} ({@code [::1]:PORT} for IPv6); IllegalArgumentException if not.
   */
  public static void runUntilStopped(String listen, Optional<String> statusListen) throws InterruptedException {
    RelayServer relay = start(parse(listen), statusListen.map(RelayServer::parse), RelayLimits.defaults(), RelayTap.NONE);
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      relay.close();
      stopped.countDown();
    }, "relay-shutdown"));
    stopped.await();
  }

  static InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("'" + hostPort + "' is not HOST:PORT");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  public Optional<InetSocketAddress> statusAddress() {
    return Optional.ofNullable(statusListener).map(c -> (InetSocketAddress) c.localAddress());
  }

  public RelayStatus status() {
    return state.status();
  }

  /** {@code HOST:PORT}, with IPv6 hosts in brackets. */
  public static String hostPort(InetSocketAddress a) {
    String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    if (statusListener != null) {
      statusListener.close().syncUninterruptibly();
    }
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    log.info("relay stopped");
  }
}
