package io.ppnode.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP splice on 127.0.0.1 that, when armed, flips one byte of what the server sends, at a
 * fixed offset of each connection's server-to-client stream. After its control exchange a relay
 * is exactly such a splice (docs/protocol.md section 8), so this is what a relay that tampers
 * with spliced bytes can do; disarmed, it forwards honestly.
 */
final class TamperingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger flipped = new AtomicInteger();
  /** Offset in the server-to-client stream of the byte to flip; negative: forward honestly. */
  private volatile long flipAt = -1;

  TamperingProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    daemon(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections opened from now on get the byte at {@code offset} of the server's stream flipped. */
  void tamperAt(long offset) {
    flipAt = offset;
  }

  /** Connections opened from now on are forwarded unchanged. */
  void honest() {
    flipAt = -1;
  }

  /** How many bytes were flipped so far, over all connections. */
  int flipped() {
    return flipped.get();
  }

  private void accept() {
    try {
      while (true) {
        Socket in = server.accept();
        Socket out = new Socket();
        out.connect(target, 5000);
        sockets.add(in);
        sockets.add(out);
        long at = flipAt;
        daemon(() -> pump(in, out, -1));
        daemon(() -> pump(out, in, at));
      }
    } catch (IOException e) {
      // Closed: the test is over.
    }
  }

  private void pump(Socket from, Socket to, long flipOffset) {
    byte[] buf = new byte[16 << 10];
    long passed = 0;
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (flipOffset >= passed && flipOffset < passed + n) {
          int i = (int) (flipOffset - passed);
          buf[i] = (byte) (buf[i] ^ 0x01);
          flipped.incrementAndGet();
        }
        passed += n;
        out.write(buf, 0, n);
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(to);
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "tampering-proxy");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Nothing left to do.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      sockets.forEach(TamperingProxy::closeQuietly);
    }
  }
}
