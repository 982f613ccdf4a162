package io.ppnode.node.manifest;

import java.time.Instant;
import java.util.HexFormat;

/**
 * One stored invite as the owner sees it. The secret itself is never stored (only its SHA-256),
 * so an invite is named by a short hex prefix of that hash: enough to pick one out, useless for
 * joining.
 */
public record InviteRecord(String id, Instant expiresAt, int usesLeft, Instant createdAt) {
  /** Hex characters of the hash that name an invite; 48 bits, so collisions in one project are unlikely. */
  public static final int ID_CHARS = 12;

  static String idOf(byte[] secretHash) {
    return HexFormat.of().formatHex(secretHash).substring(0, ID_CHARS);
  }
}
