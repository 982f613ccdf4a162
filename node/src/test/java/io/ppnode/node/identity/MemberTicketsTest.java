package io.ppnode.node.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.protocol.EntrySignature;
import io.ppnode.protocol.MemberTicketBytes;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A member ticket admits exactly the node, project and expiry the owner signed, and only when
 * checked against the key of the pinned owner id (docs/protocol.md, "Swarming").
 */
class MemberTicketsTest {
  private final Identity owner = Identity.generate();
  private final String ownerId = owner.id().toString();
  private final String ownerKey = MemberTickets.keyHex(owner.keyPair().getPublic());
  private final String member = Identity.generate().id().toString();
  private final EntrySigner signer = new EntrySigner(owner.keyPair().getPrivate());

  @Test
  void theOwnersTicketVerifiesForWhatItNames() {
    EntrySignature t = signer.signTicket("demo", member, 1_700_000_600_000L);
    assertTrue(MemberTickets.verifies(ownerKey, ownerId, "demo", member, 1_700_000_600_000L, t));
  }

  @Test
  void anyOtherNodeProjectOrExpiryFails() {
    EntrySignature t = signer.signTicket("demo", member, 1_700_000_600_000L);
    String other = Identity.generate().id().toString();
    assertFalse(MemberTickets.verifies(ownerKey, ownerId, "demo", other, 1_700_000_600_000L, t));
    assertFalse(MemberTickets.verifies(ownerKey, ownerId, "other", member, 1_700_000_600_000L, t));
    assertFalse(MemberTickets.verifies(ownerKey, ownerId, "demo", member, 1_700_000_600_001L, t));
  }

  @Test
  void onlyTheKeyOfThePinnedOwnerCounts() {
    Identity impostor = Identity.generate();
    String impostorKey = MemberTickets.keyHex(impostor.keyPair().getPublic());
    EntrySignature byImpostor = new EntrySigner(impostor.keyPair().getPrivate()).signTicket("demo", member, 1L);
    // Signed and checked with the impostor's key, but the pinned owner id is not its hash.
    assertFalse(MemberTickets.verifies(impostorKey, ownerId, "demo", member, 1L, byImpostor));
    // The owner's key with the impostor's signature.
    assertFalse(MemberTickets.verifies(ownerKey, ownerId, "demo", member, 1L, byImpostor));
    assertFalse(MemberTickets.verifies("00", ownerId, "demo", member, 1L, byImpostor));
  }

  @Test
  void canonicalBytesAreAsSpecified() {
    byte[] b = MemberTicketBytes.of("demo", "AB", 1L);
    assertEquals("70706e6f64652d6d656d6265722d7469636b65742d7631" // "ppnode-member-ticket-v1"
        + "04" + "64656d6f" + "02" + "4142" + "0000000000000001", HexFormat.of().formatHex(b));
  }
}
