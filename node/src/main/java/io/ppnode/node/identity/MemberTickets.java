package io.ppnode.node.identity;

import io.ppnode.protocol.EntrySignature;
import io.ppnode.protocol.MemberTicketBytes;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HexFormat;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Member tickets: the owner's word that a node is a member of a project, which that node shows
 * to other members so that they serve it chunks (docs/protocol.md, "Swarming"). A ticket is an
 * Ed25519 signature by the owner's node key over {@link MemberTicketBytes}; the verifying member
 * checks it against the key whose SHA-256 is the owner id it pinned at its own join, so nobody
 * but the owner can admit anyone. Tickets are short-lived, so a revoked member's lapses soon.
 */
public final class MemberTickets {
  /** How long a ticket admits its holder; a member asks for a fresh one at each pull. */
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  private MemberTickets() {}

  /** The key's X.509 encoding in lowercase hex, as TICKET_OFFER carries it. */
  public static String keyHex(PublicKey key) {
    return HexFormat.of().formatHex(key.getEncoded());
  }

  /**
   * True if {@code ownerKeyHex} is the key of node {@code ownerId} and {@code ticket} is its
   * signature of {@code member}'s ticket to {@code project} until {@code expires}.
   */
  public static boolean verifies(String ownerKeyHex, String ownerId, String project, String member, long expires,
      EntrySignature ticket) {
    byte[] x509;
    try {
      x509 = HexFormat.of().parseHex(ownerKeyHex);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (!NodeId.ofKeyEncoding(x509).toString().equals(ownerId)) {
      return false;
    }
    Ed25519Signer ed25519 = Ed25519Verifiers.of(x509).orElse(null);
    if (ed25519 == null) {
      return false;
    }
    byte[] message = MemberTicketBytes.of(project, member, expires);
    ed25519.update(message, 0, message.length);
    return ed25519.verifySignature(ticket.bytes());
  }
}
