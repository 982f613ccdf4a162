package io.ppnode.node.identity;

import io.ppnode.node.chunk.Sha256;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * A node's identity as people see it: the SHA-256 of its Ed25519 public key (X.509
 * SubjectPublicKeyInfo encoding), in base32 with Luhn check characters, grouped with dashes,
 * as Syncthing prints device ids. Compares by the digest.
 *
 * <p>Printed form: the 32 bytes in RFC 4648 base32 without padding (52 characters), cut into
 * four groups of 13, each followed by its Luhn mod 32 check character (56 characters), shown
 * as eight groups of seven joined by {@code -}. The check characters follow Syncthing's
 * algorithm exactly, so a mistyped id is caught before any connection is attempted.
 */
public final class NodeId {
  /** Length of the raw digest in bytes. */
  public static final int DIGEST_BYTES = 32;

  private static final int DATA_CHARS = 52;
  private static final int LUHN_GROUP = 13;
  private static final int PRINTED_CHARS = 56;
  private static final int PRINT_GROUP = 7;

  private final byte[] digest;

  private NodeId(byte[] digest) {
    this.digest = digest;
  }

  /** The id of a public key. */
  public static NodeId of(PublicKey key) {
    return ofKeyEncoding(key.getEncoded());
  }

  /** The id of the public key whose X.509 SubjectPublicKeyInfo encoding is {@code x509}. */
  public static NodeId ofKeyEncoding(byte[] x509) {
    return new NodeId(Sha256.of(x509));
  }

  /** Builds an id from a raw 32-byte digest (as carried in invites). */
  public static NodeId ofDigest(byte[] digest) {
    if (digest == null || digest.length != DIGEST_BYTES) {
      throw new IllegalArgumentException(
          "node id digest must be " + DIGEST_BYTES + " bytes, got "
              + (digest == null ? "null" : digest.length));
    }
    return new NodeId(digest.clone());
  }

  /**
   * Parses the printed form (dashes and case optional); IllegalArgumentException with a clear
   * message if malformed or the check characters fail.
   */
  public static NodeId parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("node id is missing");
    }
    String s = text.strip().replace("-", "").toUpperCase(java.util.Locale.ROOT);
    if (s.length() != PRINTED_CHARS) {
      throw new IllegalArgumentException(
          "node id must have " + PRINTED_CHARS + " characters (without dashes), got " + s.length());
    }
    for (int i = 0; i < s.length(); i++) {
      if (Base32.value(s.charAt(i)) < 0) {
        throw new IllegalArgumentException(
            "node id contains '" + s.charAt(i) + "' at position " + (i + 1)
                + "; only letters A-Z and digits 2-7 are allowed");
      }
    }
    StringBuilder data = new StringBuilder(DATA_CHARS);
    for (int g = 0; g < PRINTED_CHARS / (LUHN_GROUP + 1); g++) {
      int start = g * (LUHN_GROUP + 1);
      String group = s.substring(start, start + LUHN_GROUP);
      if (Luhn32.check(group) != s.charAt(start + LUHN_GROUP)) {
        throw new IllegalArgumentException(
            "node id check character " + (g + 1) + " does not match; the id is mistyped");
      }
      data.append(group);
    }
    try {
      return new NodeId(Base32.decode(data.toString()));
    } catch (IllegalArgumentException e) {
      // 52 base32 characters carry 260 bits; only the four spare ones can still be wrong here.
      throw new IllegalArgumentException("node id is not a valid 32-byte digest", e);
    }
  }

  /** The raw 32-byte digest. */
  public byte[] digest() {
    return digest.clone();
  }

  /** The printed, checksummed form. */
  @Override
  public String toString() {
    String data = Base32.encode(digest);
    StringBuilder withChecks = new StringBuilder(PRINTED_CHARS);
    for (int i = 0; i < DATA_CHARS; i += LUHN_GROUP) {
      String group = data.substring(i, i + LUHN_GROUP);
      withChecks.append(group).append(Luhn32.check(group));
    }
    StringBuilder out = new StringBuilder(PRINTED_CHARS + PRINTED_CHARS / PRINT_GROUP - 1);
    for (int i = 0; i < PRINTED_CHARS; i += PRINT_GROUP) {
      if (i > 0) {
        out.append('-');
      }
      out.append(withChecks, i, i + PRINT_GROUP);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId other && MessageDigest.isEqual(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }
}
