package io.ppnode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.relay.RelayLimits;
import io.ppnode.relay.RelayServer;
import io.ppnode.relay.RelayTap;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owner and member whose invite points at a dead port meet through a real relay: join and pull
 * complete, the trees are identical, and the bytes the relay carried never contain text the
 * shared file holds in clear. Everything binds and dials 127.0.0.1 only.
 */
@Timeout(120)
class RelayIntegrationTest {
  private static final String MARKER = "PPNODE-CLEARTEXT-MARKER-7f3a9c";
  private static final Pattern LISTENING = Pattern.compile("relay listening on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path tmp;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void joinAndPullThroughARelayProcess() throws Exception {
    Process relay = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
        "io.ppnode.relay.RelayMain", "127.0.0.1:0").redirectErrorStream(true).start();
    toClose.add(() -> {
      relay.destroy();
      if (!relay.waitFor(10, TimeUnit.SECONDS)) {
        relay.destroyForcibly();
      }
    });
    int relayPort = relayPort(relay);
    // The proxy records every byte that crosses the relay's sockets, both ways.
    RecordingProxy proxy = new RecordingProxy(new InetSocketAddress("127.0.0.1", relayPort));
    toClose.add(proxy);

    Path source = share(tmp.resolve("source"));
    ServingNode owner = startOwner(source, proxy.port());
    NodeApi member = LocalNode.open(tmp.resolve("member-home"));
    toClose.add(member);

    Path copy = tmp.resolve("copy");
    PullResult joined = member.join(invite(owner), copy, ProgressListener.NONE);
    assertTrue(joined.inSync());
    assertEquals(Trees.digest(source), Trees.digest(copy));

    // The project remembers the relay: a later pull needs no invite and still finds the owner.
    Files.writeString(source.resolve("later.txt"), MARKER + " added later");
    owner.api().scan(Optional.of("proj"));
    assertTrue(member.pull(Optional.empty(), ProgressListener.NONE).get(0).inSync());
    assertEquals(Trees.digest(source), Trees.digest(copy));

    byte[] carried = proxy.recorded();
    assertTrue(carried.length > 3_000_000, "the files went through the relay: " + carried.length + " bytes");
    assertFalse(contains(carried, MARKER.getBytes(StandardCharsets.US_ASCII)), "the relay saw cleartext");
  }

  @Test
  void aTransferCompletesWhileGarbageHalfOpenConnectionsAndAFloodHitTheRelay() throws Exception {
    ByteArrayOutputStream tapped = new ByteArrayOutputStream();
    RelayTap tap = (session, fromMember, bytes) -> {
      byte[] copy = new byte[bytes.readableBytes()];
      bytes.getBytes(bytes.readerIndex(), copy);
      synchronized (tapped) {
        tapped.writeBytes(copy);
      }
    };
    // Room for the flood's 200 handshakes from one address, so the real member is not locked out;
    // the per-address refusal itself is covered by RelaySpliceTest.
    RelayLimits limits = RelayLimits.defaults().withHandshakeTimeout(Duration.ofSeconds(1)).withHandshakes(1024, 256);
    RelayServer relay = RelayServer.start(new InetSocketAddress("127.0.0.1", 0), Optional.empty(), limits, tap);
    toClose.add(relay);

    Path source = share(tmp.resolve("source"));
    ServingNode owner = startOwner(source, relay.address().getPort());
    NodeApi member = LocalNode.open(tmp.resolve("member-home"));
    toClose.add(member);

    List<Socket> flood = new ArrayList<>();
    toClose.add(() -> flood.forEach(RelayIntegrationTest::closeQuietly));
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      Socket s = new Socket();
      s.connect(relay.address(), 5000);
      s.setSoTimeout(10_000);
      if (i % 3 == 0) {
        byte[] junk = new byte[1 + random.nextInt(3000)];
        random.nextBytes(junk);
        s.getOutputStream().write(junk);
      } else if (i % 3 == 1) {
        // A CONNECT cut off halfway: half-open, it must be timed out.
        s.getOutputStream().write(new byte[] {0x00, 0x26, 0x06, 0x50, 0x50});
      }
      flood.add(s);
    }

    Path copy = tmp.resolve("copy");
    PullResult joined = member.join(invite(owner), copy, ProgressListener.NONE);
    assertTrue(joined.inSync());
    assertEquals(Trees.digest(source), Trees.digest(copy));

    for (Socket s : flood) {
      assertTrue(closedByRelay(s), "every flood connection is refused or timed out");
    }
    Await.until("the relay to release every handshake", () -> relay.status().handshakes() == 0);
    assertTrue(relay.status().sessionsOpened() >= 1);
    byte[] carried;
    synchronized (tapped) {
      carried = tapped.toByteArray();
    }
    assertEquals(relay.status().bytesRelayed(), carried.length);
    assertFalse(contains(carried, MARKER.getBytes(StandardCharsets.US_ASCII)), "the relay saw cleartext");
    assertTrue(relay.status().refusals().get("timeout") + relay.status().refusals().get("protocol") >= 200);
  }

  private ServingNode startOwner(Path source, int relayPort) throws Exception {
    ServingNode owner = ServingNode.start(tmp.resolve("owner-home"), Optional.of("127.0.0.1:0"),
        List.of("relay://127.0.0.1:" + relayPort));
    toClose.add(owner);
    owner.api().share(source, Optional.of("proj"));
    Await.until("the owner to register with the relay", () -> owner.registeredRelays() == 1);
    return owner;
  }

  /** An invite whose only direct address is a port nobody listens on. */
  private static String invite(ServingNode owner) throws IOException {
    int dead;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      dead = s.getLocalPort();
    }
    return owner.api().invite("proj", Duration.ofHours(1), 1, List.of("127.0.0.1:" + dead)).token();
  }

  private static Path share(Path root) throws IOException {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/secret.txt"), "top of file\n" + MARKER + "\nend of file\n");
    byte[] big = new byte[3 << 20];
    new Random(3).nextBytes(big);
    // The marker inside a large file too, far from any chunk edge.
    System.arraycopy(MARKER.getBytes(StandardCharsets.US_ASCII), 0, big, 1_500_000, MARKER.length());
    Files.write(root.resolve("big.bin"), big);
    return root;
  }

  private static int relayPort(Process relay) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
        port.completeExceptionally(new AssertionError("the relay process exited without listening"));
      } catch (IOException e) {
        port.completeExceptionally(e);
      }
    }, "relay-output");
    reader.setDaemon(true);
    reader.start();
    return port.get(30, TimeUnit.SECONDS);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static boolean closedByRelay(Socket s) {
    try {
      while (s.getInputStream().read() >= 0) {
        // A REFUSED frame, then EOF.
      }
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Test teardown.
    }
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
