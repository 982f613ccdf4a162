package io.ppnode.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.ppnode.protocol.relay.RefusalReason;
import io.ppnode.protocol.relay.RelayFrame;
import io.ppnode.protocol.relay.RelayFrameCodec;
import io.ppnode.protocol.relay.RelayWire;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the relay port, from its first frame until it is a registered control
 * connection, a member waiting for its target, or one end of a spliced session. The opening
 * exchange must finish within the handshake timeout and counts against the handshake limits;
 * any frame out of place, or any undecodable byte, closes the connection.
 */
final class RelayConnectionHandler extends SimpleChannelInboundHandler<RelayFrame> {
  private static final Logger log = LoggerFactory.getLogger(RelayConnectionHandler.class);
  static final String NAME = "relay";

  private enum State { NEW, CHALLENGED, REGISTERED, WAITING, SPLICED }

  private final RelayState relay;
  private State state = State.NEW;
  private boolean holdsHandshake;
  private InetAddress from;
  private byte[] claimedId;
  private byte[] challenge;

  RelayConnectionHandler(RelayState relay) {
    this.relay = relay;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    from = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    AddressCounter.Verdict v = relay.handshakes.tryAcquire(from);
    if (v != AddressCounter.Verdict.OK) {
      refuse(ctx, v == AddressCounter.Verdict.TOO_MANY ? RefusalReason.TOO_MANY_SESSIONS
          : RefusalReason.TOO_MANY_FROM_ADDRESS, "too many connections in their handshake");
      return;
    }
    holdsHandshake = true;
    long ms = relay.limits.handshakeTimeout().toMillis();
    ctx.executor().schedule(() -> {
      if (holdsHandshake && ctx.channel().isActive()) {
        refuse(ctx, RefusalReason.TIMEOUT, "handshake not finished within " + ms + " ms");
      }
    }, ms, TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    leaveHandshake();
    ctx.fireChannelInactive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, RelayFrame frame) {
    if (state == State.NEW && frame instanceof RelayFrame.Register r && version(ctx, r.version())) {
      claimedId = r.nodeId();
      challenge = relay.randomBytes(RelayWire.CHALLENGE_BYTES);
      state = State.CHALLENGED;
      ctx.writeAndFlush(new RelayFrame.Challenge(challenge));
    } else if (state == State.CHALLENGED && frame instanceof RelayFrame.Proof p) {
      register(ctx, p);
    } else if (state == State.REGISTERED && frame instanceof RelayFrame.Ping) {
      ctx.writeAndFlush(new RelayFrame.Pong());
    } else if (state == State.NEW && frame instanceof RelayFrame.Connect c && version(ctx, c.version())) {
      connect(ctx, c.target());
    } else if (state == State.NEW && frame instanceof RelayFrame.Join j && version(ctx, j.version())) {
      join(ctx, j.token());
    } else if (ctx.channel().isActive()) {
      refuse(ctx, RefusalReason.PROTOCOL, frame.type() + " is out of place here");
    }
  }

  private boolean version(ChannelHandlerContext ctx, int version) {
    if (version != RelayWire.VERSION) {
      refuse(ctx, RefusalReason.VERSION, "relay speaks version " + RelayWire.VERSION + ", not " + version);
      return false;
    }
    return true;
  }

  private void register(ChannelHandlerContext ctx, RelayFrame.Proof p) {
    String bad = Proofs.check(claimedId, p.publicKey(), p.signature(), challenge);
    if (bad != null) {
      refuse(ctx, RefusalReason.BAD_PROOF, bad);
      return;
    }
    RefusalReason taken = relay.registry.register(claimedId, ctx.channel());
    if (taken != null) {
      refuse(ctx, taken, taken == RefusalReason.ALREADY_REGISTERED
          ? "this node id is registered on another live connection" : "the relay is full");
      return;
    }
    leaveHandshake();
    state = State.REGISTERED;
    // From now on silence, not time, ends the connection: the node pings.
    ctx.pipeline().addBefore(NAME, "idle",
        new IdleStateHandler(relay.limits.controlIdleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
    ctx.writeAndFlush(new RelayFrame.Registered());
    log.debug("registered {} from {}", java.util.HexFormat.of().formatHex(claimedId), from);
  }

  private void connect(ChannelHandlerContext ctx, byte[] target) {
    Channel control = relay.registry.lookup(target);
    if (control == null) {
      refuse(ctx, RefusalReason.UNKNOWN_TARGET, "no node with that id is registered here");
      return;
    }
    AddressCounter.Verdict v = relay.sessions.tryAcquire(from);
    if (v != AddressCounter.Verdict.OK) {
      refuse(ctx, v == AddressCounter.Verdict.TOO_MANY ? RefusalReason.TOO_MANY_SESSIONS
          : RefusalReason.TOO_MANY_FROM_ADDRESS, "too many sessions");
      return;
    }
    Channel member = ctx.channel();
    InetAddress source = from;
    member.closeFuture().addListener(f -> relay.sessions.release(source));
    leaveHandshake();
    state = State.WAITING;
    // Nothing may come from the member until OK; what it sends early waits in the kernel.
    member.config().setAutoRead(false);
    byte[] token = relay.randomBytes(RelayWire.TOKEN_BYTES);
    long session = relay.stats.nextSessionId.incrementAndGet();
    long ms = relay.limits.joinTimeout().toMillis();
    RelayState.Waiting[] self = new RelayState.Waiting[1];
    self[0] = new RelayState.Waiting(session, member, source, ctx.executor().schedule(() -> {
      if (relay.abandon(token, self[0])) {
        refuse(ctx, RefusalReason.TARGET_DID_NOT_ANSWER, "the node did not answer within " + ms + " ms");
      }
    }, ms, TimeUnit.MILLISECONDS));
    relay.await(token, self[0]);
    control.writeAndFlush(new RelayFrame.Invite(token)).addListener(f -> {
      if (!f.isSuccess() && relay.abandon(token, self[0])) {
        ctx.executor().execute(() -> refuse(ctx, RefusalReason.TARGET_DID_NOT_ANSWER, "the node is gone"));
      }
    });
  }

  private void join(ChannelHandlerContext ctx, byte[] token) {
    RelayState.Waiting w = relay.claim(token);
    if (w == null || !w.member().isActive()) {
      refuse(ctx, RefusalReason.BAD_TOKEN, "no session waits for that token");
      return;
    }
    leaveHandshake();
    state = State.SPLICED;
    Channel target = ctx.channel();
    Channel member = w.member();
    relay.stats.sessionsOpened.increment();
    relay.spliced.incrementAndGet();
    member.closeFuture().addListener(f -> relay.spliced.decrementAndGet());
    splice(target, member, w.session(), false);
    member.eventLoop().execute(() -> {
      if (!member.isActive()) {
        target.close();
        return;
      }
      splice(member, target, w.session(), true);
      // Both ends have their OK queued ahead of any spliced byte; now let bytes flow.
      member.read();
      target.read();
    });
  }

  /** Turns {@code ch} into one end of a splice. Runs on {@code ch}'s event loop. */
  private void splice(Channel ch, Channel peer, long session, boolean fromMember) {
    ch.config().setAutoRead(false);
    ByteBuf ok = ch.alloc().buffer(3);
    RelayFrameCodec.encode(new RelayFrame.Ok(), ok);
    ch.writeAndFlush(ok);
    ChannelPipeline p = ch.pipeline();
    p.addLast("sessionIdle", new IdleStateHandler(0, 0, relay.limits.sessionIdleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    p.addLast("splice", new SpliceHandler(peer, session, fromMember, relay.stats, relay.tap));
    if (p.get("idle") != null) {
      p.remove("idle");
    }
    p.remove(NAME);
    p.remove(RelayServer.CODEC);
    // Last, so any bytes it still holds pass on to the splice rather than to the codec.
    p.remove(RelayServer.FRAMES);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      log.debug("control connection from {} went quiet; dropping it", from);
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Undecodable bytes are the peer's fault: count, close, log quietly.
    if (ctx.channel().isActive()) {
      relay.stats.refused(RefusalReason.PROTOCOL);
      log.debug("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
    }
    ctx.close();
  }

  private void refuse(ChannelHandlerContext ctx, RefusalReason reason, String text) {
    relay.stats.refused(reason);
    leaveHandshake();
    ctx.channel().config().setAutoRead(false);
    ctx.writeAndFlush(new RelayFrame.Refused(reason, text)).addListener(ChannelFutureListener.CLOSE);
  }

  private void leaveHandshake() {
    if (holdsHandshake) {
      holdsHandshake = false;
      relay.handshakes.release(from);
    }
  }
}
