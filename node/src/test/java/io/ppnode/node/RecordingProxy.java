package io.ppnode.node;

import java.io.ByteArrayOutputStream;
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
 * A TCP forwarder on 127.0.0.1 that records every byte it carries, both ways. Put in front of a
 * relay running in another process, it shows exactly what crossed the relay's sockets, without
 * any hook in the relay.
 */
final class RecordingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
  private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

  RecordingProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    daemon(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  byte[] recorded() {
    synchronized (recorded) {
      return recorded.toByteArray();
    }
  }

  private void accept() {
    try {
      while (true) {
        Socket in = server.accept();
        Socket out = new Socket();
        out.connect(target, 5000);
        sockets.add(in);
        sockets.add(out);
        daemon(() -> pump(in, out));
        daemon(() -> pump(out, in));
      }
    } catch (IOException e) {
      // Closed: the test is over.
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buf = new byte[64 << 10];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        synchronized (recorded) {
          recorded.write(buf, 0, n);
        }
        out.write(buf, 0, n);
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(to);
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "recording-proxy");
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
      sockets.forEach(RecordingProxy::closeQuietly);
    }
  }
}
