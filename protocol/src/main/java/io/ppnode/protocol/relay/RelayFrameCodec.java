package io.ppnode.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageCodec;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Relay control frames to bytes and back. Inbound it takes the {@code type | payload} buffers
 * cut by {@link RelayFrameDecoder}; outbound it writes the whole frame, length included. Every
 * payload has an exact size (REFUSED and PROOF carry a bounded variable part), and anything else
 * is a {@link CorruptedFrameException}: the relay judges strangers by these bytes.
 *
 * <pre>
 * REGISTER   magic u32 | version u8 | node id [32]
 * CHALLENGE  nonce [32]
 * PROOF      key length u16 | key (SubjectPublicKeyInfo) [key length] | signature [64]
 * INVITE     token [16]
 * CONNECT    magic u32 | version u8 | target node id [32]
 * JOIN       magic u32 | version u8 | token [16]
 * REFUSED    reason u8 | UTF-8 text [0..200]
 * REGISTERED, OK, PING, PONG: empty
 * </pre>
 *
 * <p>A frame whose magic is wrong raises {@link CorruptedFrameException}; a right magic with
 * another version decodes (the caller answers REFUSED(VERSION)), so the user is told which it is.
 */
@io.netty.channel.ChannelHandler.Sharable
public final class RelayFrameCodec extends MessageToMessageCodec<ByteBuf, RelayFrame> {
  public static final RelayFrameCodec INSTANCE = new RelayFrameCodec();

  private RelayFrameCodec() {}

  @Override
  protected void encode(ChannelHandlerContext ctx, RelayFrame frame, List<Object> out) {
    ByteBuf buf = ctx.alloc().buffer(64);
    encode(frame, buf);
    out.add(buf);
  }

  /** Appends the whole frame (length, type, payload) to {@code buf}. */
  public static void encode(RelayFrame frame, ByteBuf buf) {
    int start = buf.writerIndex();
    buf.writeShort(0);
    buf.writeByte(frame.type().code());
    if (frame instanceof RelayFrame.Register r) {
      opening(buf, r.version());
      buf.writeBytes(r.nodeId());
    } else if (frame instanceof RelayFrame.Challenge c) {
      buf.writeBytes(c.nonce());
    } else if (frame instanceof RelayFrame.Proof p) {
      buf.writeShort(p.publicKey().length);
      buf.writeBytes(p.publicKey());
      buf.writeBytes(p.signature());
    } else if (frame instanceof RelayFrame.Invite i) {
      buf.writeBytes(i.token());
    } else if (frame instanceof RelayFrame.Connect c) {
      opening(buf, c.version());
      buf.writeBytes(c.target());
    } else if (frame instanceof RelayFrame.Join j) {
      opening(buf, j.version());
      buf.writeBytes(j.token());
    } else if (frame instanceof RelayFrame.Refused r) {
      buf.writeByte(r.reason().code());
      byte[] text = r.text().getBytes(StandardCharsets.UTF_8);
      buf.writeBytes(text, 0, Math.min(text.length, RelayWire.MAX_REASON_TEXT_BYTES));
    }
    int length = buf.writerIndex() - start - RelayFrameDecoder.LENGTH_FIELD_BYTES;
    if (length > RelayWire.MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("relay frame of " + length + " bytes is over the cap");
    }
    buf.setShort(start, length);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    out.add(decode(in));
  }

  /** Decodes one {@code type | payload} buffer, consuming all of it. */
  public static RelayFrame decode(ByteBuf in) {
    RelayFrameType type = RelayFrameType.of(in.readUnsignedByte());
    RelayFrame frame;
    switch (type) {
      case REGISTER:
        frame = new RelayFrame.Register(opening(in), exactly(in, RelayWire.NODE_ID_BYTES));
        break;
      case CHALLENGE:
        frame = new RelayFrame.Challenge(exactly(in, RelayWire.CHALLENGE_BYTES));
        break;
      case PROOF: {
        int keyLength = need(in, 2).readUnsignedShort();
        if (keyLength == 0 || keyLength > RelayWire.MAX_KEY_BYTES) {
          throw new CorruptedFrameException("PROOF key length " + keyLength + " out of range");
        }
        byte[] key = take(in, keyLength);
        frame = new RelayFrame.Proof(key, exactly(in, RelayWire.SIGNATURE_BYTES));
        break;
      }
      case INVITE:
        frame = new RelayFrame.Invite(exactly(in, RelayWire.TOKEN_BYTES));
        break;
      case CONNECT:
        frame = new RelayFrame.Connect(opening(in), exactly(in, RelayWire.NODE_ID_BYTES));
        break;
      case JOIN:
        frame = new RelayFrame.Join(opening(in), exactly(in, RelayWire.TOKEN_BYTES));
        break;
      case REFUSED: {
        RefusalReason reason = RefusalReason.of(need(in, 1).readUnsignedByte());
        if (in.readableBytes() > RelayWire.MAX_REASON_TEXT_BYTES) {
          throw new CorruptedFrameException("REFUSED text longer than " + RelayWire.MAX_REASON_TEXT_BYTES);
        }
        frame = new RelayFrame.Refused(reason, text(take(in, in.readableBytes())));
        break;
      }
      case REGISTERED:
        frame = empty(in, new RelayFrame.Registered());
        break;
      case OK:
        frame = empty(in, new RelayFrame.Ok());
        break;
      case PING:
        frame = empty(in, new RelayFrame.Ping());
        break;
      case PONG:
        frame = empty(in, new RelayFrame.Pong());
        break;
      default:
        throw new CorruptedFrameException("unhandled relay frame type " + type);
    }
    return frame;
  }

  private static void opening(ByteBuf buf, int version) {
    buf.writeInt(RelayWire.MAGIC);
    buf.writeByte(version);
  }

  private static int opening(ByteBuf in) {
    int magic = need(in, 5).readInt();
    if (magic != RelayWire.MAGIC) {
      throw new CorruptedFrameException(String.format("not a ppnode relay peer (magic 0x%08x)", magic));
    }
    return in.readUnsignedByte();
  }

  private static RelayFrame empty(ByteBuf in, RelayFrame frame) {
    if (in.isReadable()) {
      throw new CorruptedFrameException(frame.type() + " has no payload, got " + in.readableBytes() + " bytes");
    }
    return frame;
  }

  private static byte[] exactly(ByteBuf in, int n) {
    if (in.readableBytes() != n) {
      throw new CorruptedFrameException("expected " + n + " more bytes, got " + in.readableBytes());
    }
    return take(in, n);
  }

  private static ByteBuf need(ByteBuf in, int n) {
    if (in.readableBytes() < n) {
      throw new CorruptedFrameException("relay frame is truncated");
    }
    return in;
  }

  private static byte[] take(ByteBuf in, int n) {
    need(in, n);
    byte[] out = new byte[n];
    in.readBytes(out);
    return out;
  }

  private static String text(byte[] utf8) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CorruptedFrameException("REFUSED text is not UTF-8");
    }
  }
}
