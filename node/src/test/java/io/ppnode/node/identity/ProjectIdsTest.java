package io.ppnode.node.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProjectIdsTest {
  @Test
  void newIdsAre26LowerCaseBase32AndDistinct() {
    String a = ProjectIds.newId();
    assertTrue(a.matches("[a-z2-7]{26}"), a);
    assertTrue(ProjectIds.isValid(a));
    assertNotEquals(a, ProjectIds.newId());
  }

  @Test
  void bytesRoundTrip() {
    Random random = new Random(7);
    for (int i = 0; i < 100; i++) {
      byte[] raw = new byte[16];
      random.nextBytes(raw);
      String id = ProjectIds.fromBytes(raw);
      assertEquals(26, id.length());
      assertArrayEquals(raw, ProjectIds.toBytes(id));
      assertEquals(id, ProjectIds.fromBytes(ProjectIds.toBytes(id)));
    }
  }

  @Test
  void knownAnswer() {
    byte[] raw = new byte[16];
    assertEquals("aaaaaaaaaaaaaaaaaaaaaaaaaa", ProjectIds.fromBytes(raw));
    raw[15] = 1;
    assertEquals("aaaaaaaaaaaaaaaaaaaaaaaaae", ProjectIds.fromBytes(raw));
  }

  @Test
  void malformedIdsAreRefused() {
    String good = ProjectIds.newId();
    assertFalse(ProjectIds.isValid(good.toUpperCase()));
    assertFalse(ProjectIds.isValid(good.substring(1)));
    assertFalse(ProjectIds.isValid(good + "a"));
    assertFalse(ProjectIds.isValid("aaaaaaaaaaaaaaaaaaaaaaaaa1"));
    // Spare low bits set: would decode to the same bytes as "...a", so it is not canonical.
    assertFalse(ProjectIds.isValid("aaaaaaaaaaaaaaaaaaaaaaaaab"));
    assertFalse(ProjectIds.isValid(null));
    assertThrows(IllegalArgumentException.class, () -> ProjectIds.toBytes("nope"));
    assertThrows(IllegalArgumentException.class, () -> ProjectIds.fromBytes(new byte[15]));
  }
}
