package io.ppnode.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A splice that records every byte it carries, both ways. Put in front of a relay running in
 * another process, it shows exactly what crossed the relay's sockets, without any hook in the
 * relay.
 */
final class RecordingProxy extends SpliceProxy {
  private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();

  RecordingProxy(InetSocketAddress target) throws IOException {
    super(target);
  }

  byte[] recorded() {
    synchronized (recorded) {
      return recorded.toByteArray();
    }
  }

  @Override
  protected void onBytes(boolean fromTarget, byte[] buf, int n, long passed) {
    synchronized (recorded) {
      recorded.write(buf, 0, n);
    }
  }
}
