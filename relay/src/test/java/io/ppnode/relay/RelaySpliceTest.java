package io.ppnode.relay;

import static io.ppnode.relay.RelayRegistrationTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.protocol.relay.RefusalReason;
import io.ppnode.protocol.relay.RelayFrame;
import io.ppnode.protocol.relay.RelayWire;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sessions between scripted peers: invite, join, OK, then bytes both ways exactly as sent; and
 * the limits that keep strangers from holding the relay.
 */
@Timeout(60)
class RelaySpliceTest {
  private RelayServer relay;
  private final ByteArrayOutputStream tapped = new ByteArrayOutputStream();

  private void start(RelayLimits limits) throws Exception {
    relay = RelayServer.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(new InetSocketAddress("127.0.0.1", 0)),
        limits, (session, fromMember, bytes) -> {
          synchronized (tapped) {
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.getBytes(bytes.readerIndex(), copy);
            tapped.writeBytes(copy);
          }
        });
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @Test
  void aSessionCarriesBytesBothWays() throws Exception {
    start(RelayLimits.defaults());
    KeyPair key = FakePeer.newKey();
    try (FakePeer owner = new FakePeer(relay.address()); FakePeer member = new FakePeer(relay.address())) {
      assertInstanceOf(RelayFrame.Registered.class, owner.register(key));
      member.send(new RelayFrame.Connect(RelayWire.VERSION, FakePeer.idOf(key)));
      RelayFrame.Invite invite = assertInstanceOf(RelayFrame.Invite.class, owner.read());
      try (FakePeer data = new FakePeer(relay.address())) {
        data.send(new RelayFrame.Join(RelayWire.VERSION, invite.token()));
        assertInstanceOf(RelayFrame.Ok.class, data.read());
        assertInstanceOf(RelayFrame.Ok.class, member.read());
        byte[] up = new byte[300_000];
        new Random(1).nextBytes(up);
        member.raw(up);
        assertArrayEquals(up, data.readRaw(up.length));
        data.raw("pong".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("pong".getBytes(StandardCharsets.US_ASCII), member.readRaw(4));
        assertEquals(1, relay.status().sessions());
        // A token works once.
        try (FakePeer replay = new FakePeer(relay.address())) {
          replay.send(new RelayFrame.Join(RelayWire.VERSION, invite.token()));
          assertRefused(replay.read(), RefusalReason.BAD_TOKEN);
        }
      }
      // The owner's data end closed: the relay closes the member's end too.
      assertTrue(member.closedByRelay());
    }
    Conditions.waitFor("the session to end", () -> relay.status().sessions() == 0);
    assertEquals(300_004, relay.status().bytesRelayed());
    assertEquals(300_004, tapped.size());
    String json = get("/");
    assertTrue(json.contains("\"bytesRelayed\" : 300004"), json);
    assertTrue(json.contains("\"bad_token\" : 1"), json);
  }

  @Test
  void anUnknownTargetIsRefused() throws Exception {
    start(RelayLimits.defaults());
    try (FakePeer member = new FakePeer(relay.address())) {
      member.send(new RelayFrame.Connect(RelayWire.VERSION, new byte[32]));
      assertRefused(member.read(), RefusalReason.UNKNOWN_TARGET);
    }
  }

  @Test
  void garbageAndSilenceAreClosed() throws Exception {
    start(RelayLimits.defaults().withHandshakeTimeout(Duration.ofMillis(500)));
    try (FakePeer noise = new FakePeer(relay.address()); FakePeer tooLong = new FakePeer(relay.address());
        FakePeer silent = new FakePeer(relay.address())) {
      byte[] junk = new byte[4096];
      new Random(2).nextBytes(junk);
      junk[0] = 0x7f; // length 0x7fxx: over the cap, judged before the body arrives
      noise.raw(junk);
      tooLong.raw(new byte[] {0x00, 0x00});
      assertTrue(noise.closedByRelay());
      assertTrue(tooLong.closedByRelay());
      assertTrue(silent.closedByRelay(), "a connection that says nothing is timed out");
    }
    assertTrue(relay.status().refusals().get("protocol") >= 2);
    assertEquals(1, relay.status().refusals().get("timeout"));
    Conditions.waitFor("handshakes to be released", () -> relay.status().handshakes() == 0);
  }

  @Test
  void handshakesPerAddressAreCapped() throws Exception {
    start(RelayLimits.defaults().withHandshakes(100, 5));
    List<FakePeer> held = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        held.add(new FakePeer(relay.address()));
      }
      Conditions.waitFor("five handshakes", () -> relay.status().handshakes() == 5);
      try (FakePeer sixth = new FakePeer(relay.address())) {
        assertRefused(sixth.read(), RefusalReason.TOO_MANY_FROM_ADDRESS);
      }
    } finally {
      for (FakePeer p : held) {
        p.close();
      }
    }
    Conditions.waitFor("handshakes to be released", () -> relay.status().handshakes() == 0);
  }

  private String get(String path) throws Exception {
    InetSocketAddress a = relay.statusAddress().orElseThrow();
    HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + a.getPort() + path).openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(5000);
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
