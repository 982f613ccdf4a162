package io.ppnode.node.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * A pooled allocator that gives heap buffers even for socket reads. The JDK's TLS 1.3 decrypts
 * with AES-GCM, whose GHASH runs on the CPU's carry-less multiply intrinsic only for array-backed
 * buffers; on a direct buffer it falls to a pure-Java loop that capped a 1 GiB pull at ~70 MB/s.
 * The price is one copy from the kernel's socket buffer, which the JDK makes anyway.
 *
 * <p>Two heap arenas, not Netty's default of two per core: each arena keeps chunks of its own,
 * and an owner serving a 1 GiB file from its event loops and disk threads held chunks in all of
 * them. Owner peak RSS over interleaved 1 GiB joins: four arenas 295-403 MiB, two 287-312 MiB,
 * one 253-261 MiB; the join took as long with each. One arena made the member of a 10,000-file
 * join ~1 s slower (its event loop and disk threads then queue on one arena's lock); two did not.
 */
final class HeapBufferAllocator extends PooledByteBufAllocator {
  static final HeapBufferAllocator INSTANCE = new HeapBufferAllocator();

  private HeapBufferAllocator() {
    super(false, 2, defaultNumDirectArena(), defaultPageSize(), defaultMaxOrder(), defaultSmallCacheSize(), defaultNormalCacheSize(),
        defaultUseCacheForAllThreads());
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
