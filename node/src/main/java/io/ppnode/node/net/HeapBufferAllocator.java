package io.ppnode.node.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * A pooled allocator that gives heap buffers even for socket reads. The JDK's TLS 1.3 decrypts
 * with AES-GCM, whose GHASH runs on the CPU's carry-less multiply intrinsic only for array-backed
 * buffers; on a direct buffer it falls to a pure-Java loop that capped a 1 GiB pull at ~70 MB/s.
 * The price is one copy from the kernel's socket buffer, which the JDK makes anyway.
 */
final class HeapBufferAllocator extends PooledByteBufAllocator {
  static final HeapBufferAllocator INSTANCE = new HeapBufferAllocator();

  private HeapBufferAllocator() {
    super(false);
  }

  @Override
  public ByteBuf ioBuffer() {
    return heapBuffer();
  }

  @Override
  public ByteBuf ioBuffer(int initialCapacity) {
    return heapBuffer(initialCapacity);
  }

  @Override
  public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
    return heapBuffer(initialCapacity, maxCapacity);
  }
}
