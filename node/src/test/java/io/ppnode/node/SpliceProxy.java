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

/**
 * A TCP splice on 127.0.0.1 in front of {@code target}, one thread per direction, with a hook
 * that sees (and may change) every read before it is forwarded. After its control exchange a
 * relay is exactly such a splice, so subclasses stand for what a relay can see or do.
 */
abstract class SpliceProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

  SpliceProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    daemon(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /**
   * Called for each read, before {@code buf[0..n)} is forwarded.
   *
   * @param fromTarget whether the bytes come from the target (the server side)
   * @param passed bytes of this direction of this connection forwarded before these
   */
  protected abstract void onBytes(boolean fromTarget, byte[] buf, int n, long passed);

  private void accept() {
    try {
      while (true) {
        Socket in = server.accept();
        Socket out = new Socket();
        out.connect(target, 5000);
        sockets.add(in);
        sockets.add(out);
        daemon(() -> pump(in, out, false));
        daemon(() -> pump(out, in, true));
      }
    } catch (IOException e) {
      // Closed: the test is over.
    }
  }

  private void pump(Socket from, Socket to, boolean fromTarget) {
    byte[] buf = new byte[64 << 10];
    long passed = 0;
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        onBytes(fromTarget, buf, n, passed);
        passed += n;
        out.write(buf, 0, n);
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(to);
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "splice-proxy");
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
      sockets.forEach(SpliceProxy::closeQuietly);
    }
  }
}
