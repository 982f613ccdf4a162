package io.ppnode.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * One direction of a spliced session, as in Netty's HexDumpProxy: the channel runs with
 * AUTO_READ off, each buffer read is written to the other channel, and the next read is asked
 * for only once that write has succeeded. A slow receiver therefore stalls its sender's TCP
 * window instead of growing a buffer in the relay: at most one buffer per direction is in
 * flight. Either side closing, failing or idling out closes both.
 */
final class SpliceHandler extends ChannelInboundHandlerAdapter {
  private final Channel peer;
  private final long session;
  private final boolean fromMember;
  private final RelayStats stats;
  private final RelayTap tap;

  SpliceHandler(Channel peer, long session, boolean fromMember, RelayStats stats, RelayTap tap) {
    this.peer = peer;
    this.session = session;
    this.fromMember = fromMember;
    this.stats = stats;
    this.tap = tap;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    int n = buf.readableBytes();
    tap.forwarded(session, fromMember, buf);
    peer.writeAndFlush(buf).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        stats.bytesRelayed.add(n);
        ctx.channel().read();
      } else {
        closeBoth(ctx.channel());
      }
    });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // Flush what was already written to the peer before closing it: the last TLS records matter.
    if (peer.isActive()) {
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      closeBoth(ctx.channel());
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    closeBoth(ctx.channel());
  }

  private void closeBoth(Channel self) {
    self.close();
    peer.close();
  }
}
