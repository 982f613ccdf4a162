package io.ppnode.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes a {@link Message} as one frame (layout in {@link MessageDecoder}). A {@link ChunkData}
 * becomes two buffers, a 13-byte header and the chunk's own buffer, so chunk bytes are never
 * copied on the way out. Stateless, hence {@code @Sharable}; use {@link #INSTANCE}.
 *
 * <p>A message over its size limit is our own bug, not the peer's: it fails the write with an
 * {@link IllegalArgumentException} (wrapped by Netty in an {@code EncoderException}).
 */
@Sharable
public final class MessageEncoder extends MessageToMessageEncoder<Message> {
  public static final MessageEncoder INSTANCE = new MessageEncoder();
  static final int CHUNK_HEADER_BYTES = 4 + 1 + 8;

  public MessageEncoder() {
    super(Message.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Message msg, List<Object> out) {
    if (msg instanceof ChunkData chunk) {
      int bytes = chunk.content().readableBytes();
      if (bytes > Limits.MAX_CHUNK_BYTES) {
        throw new IllegalArgumentException(
            "chunk of " + bytes + " bytes, limit " + Limits.MAX_CHUNK_BYTES);
      }
      ByteBuf header = ctx.alloc().buffer(CHUNK_HEADER_BYTES);
      header.writeInt(1 + 8 + bytes);
      header.writeByte(MessageType.CHUNK_DATA.code());
      header.writeLong(chunk.requestId());
      out.add(header);
      // The encoder releases msg after this returns; our reference travels on with the bytes.
      out.add(chunk.content().retain());
      return;
    }
    ByteBuf frame = ctx.alloc().buffer();
    try {
      encodeJsonFrame(msg, frame);
    } catch (RuntimeException e) {
      frame.release();
      throw e;
    }
    out.add(frame);
  }

  private static void encodeJsonFrame(Message msg, ByteBuf frame) {
    frame.writeInt(0); // length, patched below once the JSON size is known
    frame.writeByte(msg.type().code());
    int bodyStart = frame.writerIndex();
    if (msg instanceof Message.Hello hello) {
      if (hello.version() < 0 || hello.version() > 0xffff) {
        throw new IllegalArgumentException("HELLO version " + hello.version() + " is not a u16");
      }
      frame.writeInt(Limits.MAGIC).writeShort(hello.version());
      JsonCodec.write(new JsonCodec.HelloBody(hello.agent(), hello.addresses(), hello.relays()), frame);
      if (frame.readableBytes() > Limits.MAX_HELLO_BYTES) {
        throw new IllegalArgumentException("HELLO of " + frame.readableBytes() + " bytes");
      }
    } else {
      JsonCodec.write(msg, frame);
      if (frame.writerIndex() - bodyStart > Limits.MAX_CONTROL_BYTES) {
        throw new IllegalArgumentException(
            msg.type() + " JSON over " + Limits.MAX_CONTROL_BYTES + " bytes");
      }
    }
    frame.setInt(0, frame.writerIndex() - FrameDecoder.LENGTH_FIELD_BYTES);
  }
}
