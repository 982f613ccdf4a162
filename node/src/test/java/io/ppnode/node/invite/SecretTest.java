package io.ppnode.node.invite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void randomSecretsAre16BytesAndDiffer() {
    Secret a = Secret.random();
    assertEquals(16, a.bytes().length);
    assertNotEquals(a, Secret.random());
  }

  @Test
  void encodedFormRoundTripsAndIsUnpaddedBase64url() {
    Secret a = Secret.random();
    String text = a.encoded();
    assertTrue(text.matches("[A-Za-z0-9_-]{22}"), text);
    assertEquals(a, Secret.parse(text));
    assertEquals(a.hashCode(), Secret.parse(text).hashCode());
  }

  @Test
  void knownAnswer() throws Exception {
    byte[] bytes = new byte[16];
    bytes[0] = (byte) 0xfb;
    Secret s = Secret.of(bytes);
    assertEquals("-wAAAAAAAAAAAAAAAAAAAA", s.encoded());
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(bytes), s.hash());
    assertTrue(s.matches(s.hash()));
    assertFalse(s.matches(new byte[32]));
  }

  @Test
  void malformedSecretsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Secret.parse("short"));
    assertThrows(IllegalArgumentException.class, () -> Secret.parse("-wAAAAAAAAAAAAAAAAAAAA=="));
    assertThrows(IllegalArgumentException.class, () -> Secret.parse("+wAAAAAAAAAAAAAAAAAAAA"));
    // Same bytes as "...AA" but with spare bits set: not the canonical form.
    assertThrows(IllegalArgumentException.class, () -> Secret.parse("-wAAAAAAAAAAAAAAAAAAAB"));
    assertThrows(IllegalArgumentException.class, () -> Secret.parse(null));
    assertThrows(IllegalArgumentException.class, () -> Secret.of(new byte[15]));
  }

  @Test
  void bytesAreCopiedAndToStringHidesThem() {
    byte[] raw = new byte[16];
    Secret s = Secret.of(raw);
    raw[0] = 1;
    s.bytes()[1] = 1;
    assertArrayEquals(new byte[16], s.bytes());
    assertFalse(s.toString().contains(s.encoded()));
  }
}
