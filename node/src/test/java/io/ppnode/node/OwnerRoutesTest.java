package io.ppnode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The member's order of owner addresses, and what it keeps of what the owner reports. */
class OwnerRoutesTest {

  @Test
  void reportedAddressesGoFirstJunkIsDroppedAndRelaysAreKept() {
    List<String> kept = List.of("192.168.1.5:7070", "relay://relay.example:7000");
    List<String> out = OwnerRoutes.remember(List.of("192.168.1.9:7070", "not an address", "192.168.1.5:7070"), kept);
    assertEquals(List.of("192.168.1.9:7070", "192.168.1.5:7070", "relay://relay.example:7000"), out);
  }

  @Test
  void theKeptListIsBounded() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add("10.1.0." + i + ":7070");
    }
    List<String> out = OwnerRoutes.remember(many, List.of("relay://r:1"));
    assertEquals(OwnerRoutes.MAX_KEPT + 1, out.size());
    assertEquals("relay://r:1", out.get(out.size() - 1));
  }
}
