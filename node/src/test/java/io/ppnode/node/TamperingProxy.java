package io.ppnode.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A splice that, when armed, flips one byte of what the server sends, at a fixed offset of each
 * connection's server-to-client stream: what a relay that tampers with spliced bytes can do
 * (docs/protocol.md section 8). Disarmed, it forwards honestly. Arming applies to the bytes
 * forwarded from then on.
 */
final class TamperingProxy extends SpliceProxy {
  private final AtomicInteger flipped = new AtomicInteger();
  /** Offset in the server-to-client stream of the byte to flip; negative: forward honestly. */
  private volatile long flipAt = -1;

  TamperingProxy(InetSocketAddress target) throws IOException {
    super(target);
  }

  /** The byte at {@code offset} of a connection's server stream is flipped (once per connection). */
  void tamperAt(long offset) {
    flipAt = offset;
  }

  /** Bytes are forwarded unchanged from now on. */
  void honest() {
    flipAt = -1;
  }

  /** How many bytes were flipped so far, over all connections. */
  int flipped() {
    return flipped.get();
  }

  @Override
  protected void onBytes(boolean fromTarget, byte[] buf, int n, long passed) {
    long at = flipAt;
    if (fromTarget && at >= passed && at < passed + n) {
      int i = (int) (at - passed);
      buf[i] = (byte) (buf[i] ^ 0x01);
      flipped.incrementAndGet();
    }
  }
}
