package io.ppnode.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;

/**
 * Cuts the inbound byte stream into frames and strips their length field, so that the
 * {@link MessageDecoder} behind it sees exactly one {@code type | payload} buffer per message.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Length (32, u32)                       |   stripped here
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type (8)    |            Payload (Length - 1 bytes) ...     |   passed on
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Length counts the bytes after itself and must be 1..{@link Limits#MAX_FRAME_BYTES}. The
 * check runs on the length field alone ({@code failFast}), so an oversized frame raises {@link
 * TooLongFrameException} before a byte of its body is buffered; a zero length raises {@link
 * CorruptedFrameException}. Not {@code @Sharable}: it holds the partial frame of one connection.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
  static final int LENGTH_FIELD_BYTES = 4;

  public FrameDecoder() {
    // Netty's maximum counts the length field itself; ours counts only what follows it.
    super(
        ByteOrder.BIG_ENDIAN,
        Limits.MAX_FRAME_BYTES + LENGTH_FIELD_BYTES,
        0,
        LENGTH_FIELD_BYTES,
        0,
        LENGTH_FIELD_BYTES,
        true);
    // A chunk frame of up to 2 MiB spans many reads. Merging them copied each read into an
    // ever larger buffer, and those buffers made the pool drop and allocate whole 4 MiB chunks,
    // which live long enough to be promoted and then die: in a 1 GiB join's allocation profile,
    // 126 of the 226 MB of new pool chunks came from here (the rest from the TLS handler's own
    // merging; 180 MB in all after this). A composite keeps the reads as they came, and the
    // member hashes and writes a chunk from its buffers as they are. Member RSS of 1 GiB joins
    // 230-233 MiB against 233-258 MiB in three interleaved runs, time the same.
    setCumulator(COMPOSITE_CUMULATOR);
  }

  @Override
  protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
    long frameLength = super.getUnadjustedFrameLength(buf, offset, length, order);
    if (frameLength == 0) {
      // Every frame has at least its type byte; an empty one means the stream is out of step.
      // Drop what we hold so that closing the channel does not decode the same bytes again.
      buf.skipBytes(buf.readableBytes());
      throw new CorruptedFrameException("frame length 0: a frame has at least a type byte");
    }
    return frameLength;
  }
}
