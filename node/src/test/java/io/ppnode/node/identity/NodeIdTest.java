package io.ppnode.node.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeIdTest {
  /** RFC 8032 section 7.1, test 1: a public key anyone can check the id of. */
  private static final String RFC8032_PUBLIC_KEY =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  /** Worked out once, independently of this code (Python hashlib/base64 and Syncthing's Luhn). */
  private static final String RFC8032_NODE_ID =
      "A3R73D6-2FG5WBJ-K2ZKV66-MHW3BLQ-WNWIYRG-S7DBZ2R-3IVPY4G-3ZF6UQ2";

  /** A device id from Syncthing's own tests, so our check characters agree with theirs. */
  private static final String SYNCTHING_DEVICE_ID =
      "P56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ-XZWICQ2";

  @Test
  void knownKeyGivesKnownId() throws Exception {
    byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + RFC8032_PUBLIC_KEY);
    PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    NodeId id = NodeId.of(key);
    assertEquals(RFC8032_NODE_ID, id.toString());
    assertEquals(
        "06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9",
        HexFormat.of().formatHex(id.digest()));
  }

  @Test
  void syncthingDeviceIdParsesAndPrintsTheSame() {
    assertEquals(SYNCTHING_DEVICE_ID, NodeId.parse(SYNCTHING_DEVICE_ID).toString());
  }

  @Test
  void printParseRoundTripInAnyCaseWithOrWithoutDashes() {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      NodeId id = NodeId.ofDigest(digest);
      String printed = id.toString();
      assertEquals(63, printed.length());
      assertTrue(printed.matches("([A-Z2-7]{7}-){7}[A-Z2-7]{7}"), printed);
      assertEquals(id, NodeId.parse(printed));
      assertEquals(id, NodeId.parse(printed.toLowerCase(Locale.ROOT)));
      assertEquals(id, NodeId.parse(printed.replace("-", "")));
      assertEquals(id, NodeId.parse("  " + printed + "\n"));
      assertArrayEquals(digest, NodeId.parse(printed).digest());
    }
  }

  @Test
  void everySingleChangedCharacterIsCaught() {
    String printed = NodeId.parse(RFC8032_NODE_ID).toString().replace("-", "");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    for (int pos = 0; pos < printed.length(); pos++) {
      for (char c : alphabet.toCharArray()) {
        if (c == printed.charAt(pos)) {
          continue;
        }
        String typo = printed.substring(0, pos) + c + printed.substring(pos + 1);
        assertThrows(IllegalArgumentException.class, () -> NodeId.parse(typo), typo);
      }
    }
  }

  @Test
  void malformedTextIsRefusedWithAClearMessage() {
    IllegalArgumentException tooShort =
        assertThrows(IllegalArgumentException.class, () -> NodeId.parse("A3R73D6-2FG5WBJ"));
    assertTrue(tooShort.getMessage().contains("56 characters"), tooShort.getMessage());

    String badChar = RFC8032_NODE_ID.replace('A', '1');
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> NodeId.parse(badChar));
    assertTrue(bad.getMessage().contains("'1'"), bad.getMessage());

    String typo = "B" + RFC8032_NODE_ID.substring(1);
    IllegalArgumentException check = assertThrows(IllegalArgumentException.class, () -> NodeId.parse(typo));
    assertTrue(check.getMessage().contains("check character 1"), check.getMessage());

    assertThrows(IllegalArgumentException.class, () -> NodeId.parse(""));
    assertThrows(IllegalArgumentException.class, () -> NodeId.parse(null));
  }

  @Test
  void equalityIsByDigestAndDigestIsACopy() {
    byte[] digest = new byte[32];
    digest[0] = 7;
    NodeId a = NodeId.ofDigest(digest);
    NodeId b = NodeId.ofDigest(digest.clone());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    digest[0] = 8;
    assertNotEquals(a, NodeId.ofDigest(digest));
    a.digest()[0] = 99;
    assertEquals(b, a);
  }

  @Test
  void digestMustBe32Bytes() {
    assertThrows(IllegalArgumentException.class, () -> NodeId.ofDigest(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> NodeId.ofDigest(null));
  }
}
