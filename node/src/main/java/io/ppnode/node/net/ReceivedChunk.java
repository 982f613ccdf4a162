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

  /** Read-only views of the bytes, in order; valid until {@link #close()}. */
  public ByteBuffer[] buffers() {
    ByteBuffer[] views = buf.nioBuffers();
    for (int i = 0; i < views.length; i++) {
      views[i] = views[i].asReadOnlyBuffer();
    }
    return views;
  }

  @Override
  public void close() {
    buf.release();
  }
}
