package io.ppnode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.protocol.relay.RefusalReason;
import io.ppnode.protocol.relay.RelayFrame;
import io.ppnode.protocol.relay.RelayWire;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nobody registers as a node without its key, and a live registration is never pushed out. */
@Timeout(30)
class RelayRegistrationTest {
  private RelayServer relay;

  @BeforeEach
  void start() throws Exception {
    relay = RelayServer.start(new InetSocketAddress("127.0.0.1", 0), Optional.empty(), RelayLimits.defaults(),
        RelayTap.NONE);
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @Test
  void aValidProofRegisters() throws Exception {
    try (FakePeer node = new FakePeer(relay.address())) {
      assertInstanceOf(RelayFrame.Registered.class, node.register(FakePeer.newKey()));
      assertEquals(1, relay.status().registeredNodes());
      node.send(new RelayFrame.Ping());
      assertInstanceOf(RelayFrame.Pong.class, node.read());
    }
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() throws Exception {
    KeyPair victim = FakePeer.newKey();
    KeyPair thief = FakePeer.newKey();
    try (FakePeer node = new FakePeer(relay.address())) {
      node.send(new RelayFrame.Register(RelayWire.VERSION, FakePeer.idOf(victim)));
      RelayFrame.Challenge c = (RelayFrame.Challenge) node.read();
      node.send(new RelayFrame.Proof(victim.getPublic().getEncoded(), FakePeer.sign(thief.getPrivate(), c.nonce())));
      assertRefused(node.read(), RefusalReason.BAD_PROOF);
      assertTrue(node.closedByRelay());
    }
    assertEquals(0, relay.status().registeredNodes());
  }

  @Test
  void aKeyThatDoesNotMatchTheClaimedIdIsRefused() throws Exception {
    KeyPair victim = FakePeer.newKey();
    KeyPair thief = FakePeer.newKey();
    try (FakePeer node = new FakePeer(relay.address())) {
      node.send(new RelayFrame.Register(RelayWire.VERSION, FakePeer.idOf(victim)));
      RelayFrame.Challenge c = (RelayFrame.Challenge) node.read();
      // A perfectly good signature, by a key that is not the claimed node's.
      node.send(new RelayFrame.Proof(thief.getPublic().getEncoded(), FakePeer.sign(thief.getPrivate(), c.nonce())));
      assertRefused(node.read(), RefusalReason.BAD_PROOF);
    }
  }

  @Test
  void aReplayedSignatureDoesNotAnswerAFreshChallenge() throws Exception {
    KeyPair key = FakePeer.newKey();
    byte[] old = new byte[RelayWire.CHALLENGE_BYTES];
    try (FakePeer node = new FakePeer(relay.address())) {
      node.send(new RelayFrame.Register(RelayWire.VERSION, FakePeer.idOf(key)));
      node.read();
      node.send(new RelayFrame.Proof(key.getPublic().getEncoded(), FakePeer.sign(key.getPrivate(), old)));
      assertRefused(node.read(), RefusalReason.BAD_PROOF);
    }
  }

  @Test
  void twoValidRegistrationsOfOneIdKeepTheLiveOne() throws Exception {
    KeyPair key = FakePeer.newKey();
    try (FakePeer first = new FakePeer(relay.address())) {
      assertInstanceOf(RelayFrame.Registered.class, first.register(key));
      try (FakePeer second = new FakePeer(relay.address())) {
        assertRefused(second.register(key), RefusalReason.ALREADY_REGISTERED);
      }
      // The first is untouched and still answers.
      first.send(new RelayFrame.Ping());
      assertInstanceOf(RelayFrame.Pong.class, first.read());
    }
    // Once the first is gone, the id is free for the node's next connection.
    Conditions.waitFor("the first registration to be dropped", () -> relay.status().registeredNodes() == 0);
    try (FakePeer again = new FakePeer(relay.address())) {
      assertInstanceOf(RelayFrame.Registered.class, again.register(key));
    }
  }

  @Test
  void anotherVersionIsToldSo() throws Exception {
    try (FakePeer node = new FakePeer(relay.address())) {
      node.send(new RelayFrame.Register(RelayWire.VERSION + 1, new byte[32]));
      assertRefused(node.read(), RefusalReason.VERSION);
    }
  }

  static void assertRefused(RelayFrame frame, RefusalReason reason) {
    RelayFrame.Refused r = assertInstanceOf(RelayFrame.Refused.class, frame);
    assertEquals(reason, r.reason(), r.text());
  }
}
