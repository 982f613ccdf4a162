package io.ppnode.node.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.ppnode.protocol.relay.RelayFrame;
import io.ppnode.protocol.relay.RelayFrameCodec;
import io.ppnode.protocol.relay.RelayWire;
import java.util.List;
import java.util.function.Consumer;

/**
 * The first handler of a connection to a relay that is to become a peer connection (a member's
 * CONNECT or an invited node's JOIN): sends the opening frame, waits for OK, then lets {@link
 * Transport} install the peer pipeline behind it and steps aside. Bytes that arrived after OK
 * are passed on to TLS, and the peer pipeline sees {@code channelActive} only now, as if the
 * connection had just opened: it is from here on that it carries the end-to-end TLS stream.
 */
final class RelayHandshakeHandler extends ByteToMessageDecoder {
  private final RelayFrame opening;
  private final Consumer<ChannelHandlerContext> onOk;
  private final Consumer<Throwable> onFailure;

  RelayHandshakeHandler(RelayFrame opening, Consumer<ChannelHandlerContext> onOk, Consumer<Throwable> onFailure) {
    this.opening = opening;
    this.onOk = onOk;
    this.onFailure = onFailure;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    // Not passed on: the peer pipeline is not there yet and gets its own channelActive after OK.
    ByteBuf frame = ctx.alloc().buffer(64);
    RelayFrameCodec.encode(opening, frame);
    ctx.writeAndFlush(frame);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 2) {
      return;
    }
    int length = in.getUnsignedShort(in.readerIndex());
    if (length == 0 || length > RelayWire.MAX_FRAME_BYTES) {
      throw new CorruptedFrameException("relay sent a frame of length " + length);
    }
    if (in.readableBytes() < 2 + length) {
      return;
    }
    in.skipBytes(2);
    RelayFrame frame = RelayFrameCodec.decode(in.readSlice(length));
    if (frame instanceof RelayFrame.Ok) {
      onOk.accept(ctx);
      ctx.fireChannelActive();
      ctx.pipeline().remove(this);
    } else if (frame instanceof RelayFrame.Refused r) {
      onFailure.accept(new PeerUnreachableException("relay refused (" + r.reason() + "): " + r.text()));
      ctx.close();
    } else {
      throw new CorruptedFrameException("relay sent " + frame.type() + " instead of OK");
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    onFailure.accept(new PeerUnreachableException("relay: " + cause.getMessage()));
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    onFailure.accept(new PeerUnreachableException("the relay closed the connection"));
    super.channelInactive(ctx);
  }
}
