package io.ppnode.node.net;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * The bytes of a received chunk, lent to the transfer code without exposing Netty buffers.
 * Close it exactly once to give the buffer back to the pool.
 */
public final class ReceivedChunk implements AutoCloseable {
  private final ByteBuf buf;

  ReceivedChunk(ByteBuf buf) {
    this.buf = buf;
  }

  public int length() {
    return buf.readableBytes();
  }

  /**
   * Views of the bytes, in order; valid until {@link #close()}. Callers only read them. They
   * are not made read-only on purpose: a read-only heap buffer hides its array, and then every
   * {@code MessageDigest.update} copies the bytes through a 4 KiB scratch array that the digest
   * keeps for its lifetime (8 KiB per file being assembled, and one extra copy of every byte).
   */
  public ByteBuffer[] buffers() {
    return buf.nioBuffers();
  }

  @Override
  public void close() {
    buf.release();
  }
}
