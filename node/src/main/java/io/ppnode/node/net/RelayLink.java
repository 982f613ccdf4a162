package io.ppnode.node.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.ppnode.node.identity.Identity;
import io.ppnode.protocol.relay.RelayFrame;
import io.ppnode.protocol.relay.RelayWire;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serving node's standing control connection to one relay: registers under the node's id by
 * signing the relay's challenge, pings so the relay keeps it, answers each INVITE by opening a
 * data connection that becomes a server-side peer connection, and reconnects with exponential
 * backoff (1 s doubling to 60 s) whenever the connection drops or is refused.
 */
public final class RelayLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RelayLink.class);
  /** Well inside the relay's control idle timeout (60 s by default). */
  static final long PING_SECONDS = 15;
  static final long MIN_BACKOFF_MS = 1000;
  static final long MAX_BACKOFF_MS = 60_000;

  private final Transport transport;
  private final RelayUrl relay;
  private final PeerHandler handler;
  private final Identity identity;
  private long backoffMs = MIN_BACKOFF_MS;
  private volatile boolean closed;
  private volatile boolean registered;
  private volatile Channel channel;

  RelayLink(Transport transport, RelayUrl relay, PeerHandler handler, Identity identity) {
    this.transport = transport;
    this.relay = relay;
    this.handler = handler;
    this.identity = identity;
  }

  public RelayUrl relay() {
    return relay;
  }

  /** Whether the relay has accepted this node's registration on the current connection. */
  public boolean registered() {
    return registered;
  }

  void connect() {
    if (closed) {
      return;
    }
    transport.openRelayControl(relay.address(), new LinkHandler()).addListener(f -> {
      if (!f.isSuccess()) {
        log.debug("cannot reach relay {}: {}", relay, f.cause().getMessage());
        retry();
      }
    });
  }

  private synchronized void retry() {
    if (closed) {
      return;
    }
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    transport.schedule(this::connect, delay);
  }

  private synchronized void resetBackoff() {
    backoffMs = MIN_BACKOFF_MS;
  }

  private byte[] sign(byte[] challenge) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(identity.keyPair().getPrivate());
      s.update(RelayWire.registerMessage(challenge));
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the node's Ed25519 key", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    Channel c = channel;
    if (c != null) {
      c.close();
    }
  }

  /** The control connection's logic; one per connection attempt. */
  private final class LinkHandler extends SimpleChannelInboundHandler<RelayFrame> {
    private ScheduledFuture<?> pings;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      channel = ctx.channel();
      if (closed) {
        ctx.close();
        return;
      }
      ctx.writeAndFlush(new RelayFrame.Register(RelayWire.VERSION, identity.id().digest()));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RelayFrame frame) {
      if (frame instanceof RelayFrame.Challenge c) {
        byte[] key = identity.certificate().getPublicKey().getEncoded();
        ctx.writeAndFlush(new RelayFrame.Proof(key, sign(c.nonce())));
      } else if (frame instanceof RelayFrame.Registered) {
        registered = true;
        resetBackoff();
        log.info("registered with relay {}", relay);
        pings = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(new RelayFrame.Ping()),
            PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
      } else if (frame instanceof RelayFrame.Invite i) {
        transport.answerViaRelay(relay.address(), i.token(), handler);
      } else if (frame instanceof RelayFrame.Refused r) {
        log.warn("relay {} refused this node ({}): {}", relay, r.reason(), r.text());
        ctx.close();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (pings != null) {
        pings.cancel(false);
      }
      if (registered) {
        log.info("lost relay {}; reconnecting", relay);
      }
      registered = false;
      retry();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("relay {} control connection failed: {}", relay, cause.toString());
      ctx.close();
    }
  }
}
