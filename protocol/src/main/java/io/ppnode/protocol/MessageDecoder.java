package io.ppnode.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Turns one frame from the {@link FrameDecoder} into a validated {@link Message}. Anything the
 * peer got wrong (unknown type, bad magic, bad JSON, a path or count out of bounds) raises a
 * {@link ProtocolViolationException} and nothing is passed on.
 *
 * <pre>
 * Frame (all integers big-endian):
 * +----------------+--------+---------------------------------------------+
 * | length (u32)   | type   | payload                                     |
 * | 1..MAX_FRAME   | (u8)   |                                             |
 * +----------------+--------+---------------------------------------------+
 *
 * HELLO (0x01), whole frame &lt;= MAX_HELLO_BYTES:
 * +----------------+--------+----------------+-----------+----------------+
 * | length         | 0x01   | magic (u32)    | version   | UTF-8 JSON     |
 * |                |        | 0x50504E44     | (u16)     | {"agent": ...} |
 * +----------------+--------+----------------+-----------+----------------+
 *
 * CHUNK_DATA (0x31):
 * +----------------+--------+--------------------------------+------------+
 * | length         | 0x31   | requestId (u64, top bit clear) | chunk bytes|
 * +----------------+--------+--------------------------------+------------+
 *
 * Every other type: UTF-8 JSON of the record, &lt;= MAX_CONTROL_BYTES.
 * +----------------+--------+---------------------------------------------+
 * | length         | type   | {"requestId": 1, "project": "...", ...}     |
 * +----------------+--------+---------------------------------------------+
 * </pre>
 *
 * <p>A {@link ChunkData} holds a retained slice of the frame, not a copy; the receiver releases
 * it. Not {@code @Sharable}: {@link ProtocolCodecs} installs one per channel together with the
 * frame decoder, so the pair can gain per-connection state without changing callers.
 */
public final class MessageDecoder extends ChannelInboundHandlerAdapter {
  private static final int CHUNK_HEADER_BYTES = 8;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    // Not a MessageToMessageDecoder: that would wrap our exceptions in DecoderException, and the
    // node tells a peer's fault from its own bug by the exception type.
    Message message;
    try {
      message = decode(frame);
    } finally {
      frame.release();
    }
    ctx.fireChannelRead(message);
  }

  /**
   * Decodes one frame whose length field is already stripped ({@code type | payload}). Does not
   * release {@code frame}; a returned {@link ChunkData} holds its own reference.
   */
  public static Message decode(ByteBuf frame) {
    int frameBytes = FrameDecoder.LENGTH_FIELD_BYTES + frame.readableBytes();
    if (!frame.isReadable()) {
      throw new ProtocolViolationException("empty frame");
    }
    MessageType type = MessageType.of(frame.readUnsignedByte());
    switch (type) {
      case HELLO:
        return decodeHello(frame, frameBytes);
      case CHUNK_DATA:
        return decodeChunkData(frame);
      default:
        return decodeControl(type, frame);
    }
  }

  private static Message decodeHello(ByteBuf frame, int frameBytes) {
    int magic = 0;
    for (int i = 0; i < 4; i++) {
      // A HELLO too short for the magic is still "not ppnode", not a generic error.
      magic = magic << 8 | (frame.isReadable() ? frame.readUnsignedByte() : 0);
    }
    if (magic != Limits.MAGIC) {
      throw new UnknownMagicException(magic);
    }
    if (frameBytes > Limits.MAX_HELLO_BYTES) {
      throw new ProtocolViolationException(
          "HELLO of " + frameBytes + " bytes, limit " + Limits.MAX_HELLO_BYTES);
    }
    if (frame.readableBytes() < 2) {
      throw new ProtocolViolationException("HELLO without a version");
    }
    // Passed on as sent: only the node knows which versions it still speaks.
    int version = frame.readUnsignedShort();
    JsonCodec.HelloBody body = JsonCodec.read(frame, JsonCodec.HelloBody.class);
    return MessageValidator.check(new Message.Hello(version, body.agent(),
        body.addresses() == null ? java.util.List.of() : body.addresses(),
        body.relays() == null ? java.util.List.of() : body.relays()));
  }

  private static Message decodeChunkData(ByteBuf frame) {
    if (frame.readableBytes() < CHUNK_HEADER_BYTES) {
      throw new ProtocolViolationException("CHUNK_DATA without a request id");
    }
    long requestId = frame.readLong();
    if (requestId < 0) {
      throw new ProtocolViolationException("requestId has the top bit set");
    }
    if (frame.readableBytes() > Limits.MAX_CHUNK_BYTES) {
      throw new ProtocolViolationException(
          "chunk longer than " + Limits.MAX_CHUNK_BYTES + " bytes");
    }
    return new ChunkData(requestId, frame.readRetainedSlice(frame.readableBytes()));
  }

  private static Message decodeControl(MessageType type, ByteBuf frame) {
    if (frame.readableBytes() > Limits.MAX_CONTROL_BYTES) {
      throw new ProtocolViolationException(
          type + " of " + frame.readableBytes() + " bytes, limit " + Limits.MAX_CONTROL_BYTES);
    }
    return MessageValidator.check(JsonCodec.read(frame, recordOf(type)));
  }

  private static Class<? extends Message> recordOf(MessageType type) {
    switch (type) {
      case ERROR:
        return Message.Error.class;
      case JOIN_REQUEST:
        return Message.JoinRequest.class;
      case JOIN_ACCEPTED:
        return Message.JoinAccepted.class;
      case INDEX_REQUEST:
        return Message.IndexRequest.class;
      case INDEX_PAGE:
        return Message.IndexPage.class;
      case INDEX_WATCH:
        return Message.IndexWatch.class;
      case INDEX_CHANGED:
        return Message.IndexChanged.class;
      case CHUNK_REQUEST:
        return Message.ChunkRequest.class;
      case PEERS_REQUEST:
        return Message.PeersRequest.class;
      case PEERS:
        return Message.Peers.class;
      case TICKET_OFFER:
        return Message.TicketOffer.class;
      case TICKET_ACCEPTED:
        return Message.TicketAccepted.class;
      default:
        throw new IllegalStateException(type + " has no JSON body");
    }
  }
}
