package io.ppnode.relay;

import io.ppnode.protocol.relay.RelayFrame;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bench tool, not a test: registers N nodes, each with its own Ed25519 key and connection, with
 * a relay and keeps them idle (a PING every 20 s, within the relay's idle limit) until stdin
 * closes, so that {@code bench/relay.sh} can read the relay's memory with N nodes waiting on it.
 * Run with the shaded jar and the relay's test classes on the class path:
 * {@code java -cp cli/target/ppnode.jar:relay/target/test-classes io.ppnode.relay.IdleNodes HOST PORT N}.
 */
public final class IdleNodes {
  private IdleNodes() {}

  public static void main(String[] args) throws Exception {
    InetSocketAddress relay = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    int n = Integer.parseInt(args[2]);
    List<FakePeer> nodes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      FakePeer node = new FakePeer(relay);
      KeyPair key = FakePeer.newKey();
      RelayFrame answer = node.register(key);
      if (!(answer instanceof RelayFrame.Registered)) {
        System.err.println("node " + i + " was not registered: " + answer);
        System.exit(1);
      }
      nodes.add(node);
    }
    System.out.println("registered " + n);
    System.out.flush();
    Thread pinger = new Thread(() -> ping(nodes), "pinger");
    pinger.setDaemon(true);
    pinger.start();
    while (System.in.read() >= 0) {
      // Holds the nodes until the bench closes our stdin.
    }
    for (FakePeer node : nodes) {
      node.close();
    }
  }

  private static void ping(List<FakePeer> nodes) {
    try {
      while (true) {
        TimeUnit.SECONDS.sleep(20); // a keep-alive period, not a synchronisation
        for (FakePeer node : nodes) {
          node.send(new RelayFrame.Ping());
        }
      }
    } catch (Exception e) {
      System.err.println("pinging stopped: " + e.getMessage());
    }
  }
}
