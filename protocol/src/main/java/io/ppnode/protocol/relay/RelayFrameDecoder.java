package io.ppnode.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;

/**
 * Cuts a relay control stream into frames and strips the length, so {@link RelayFrameCodec}
 * sees one {@code type | payload} buffer per frame.
 *
 * <pre>
 *  0                   1                   2
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Length (u16)           |   Type (u8)   |   Length stripped here
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Payload (Length - 1 bytes) ...       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Length is 1..{@link RelayWire#MAX_FRAME_BYTES}, judged on the field alone ({@code
 * failFast}): above the cap is a {@link TooLongFrameException}, zero a {@link
 * CorruptedFrameException}. Not {@code @Sharable}: it holds one connection's partial frame.
 */
public final class RelayFrameDecoder extends LengthFieldBasedFrameDecoder {
  static final int LENGTH_FIELD_BYTES = 2;

  public RelayFrameDecoder() {
    super(ByteOrder.BIG_ENDIAN, RelayWire.MAX_FRAME_BYTES + LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES, 0,
        LENGTH_FIELD_BYTES, true);
  }

  @Override
  protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
    long frameLength = super.getUnadjustedFrameLength(buf, offset, length, order);
    if (frameLength == 0) {
      // Drop the rest so closing the channel does not decode the same garbage again.
      buf.skipBytes(buf.readableBytes());
      throw new CorruptedFrameException("relay frame length 0: a frame has at least a type byte");
    }
    return frameLength;
  }
}
