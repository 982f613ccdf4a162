package io.ppnode.node.invite;

import io.ppnode.node.chunk.Sha256;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * An invite secret: 16 random bytes. Value type; the owner stores only {@link #hash()}.
 *
 * <p>128 bits is beyond guessing for a token that also expires, and short enough to keep the
 * invite one line. {@link #toString()} deliberately does not reveal the bytes so a secret that
 * ends up in a log line is not leaked by it.
 */
public final class Secret {
  /** Length of a secret in bytes. */
  public static final int BYTES = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;

  private Secret(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A fresh secret from the platform's strong random source. */
  public static Secret random() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return new Secret(bytes);
  }

  /** A secret from its 16 raw bytes; IllegalArgumentException on any other length. */
  public static Secret of(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      throw new IllegalArgumentException("secret must be " + BYTES + " bytes");
    }
    return new Secret(bytes.clone());
  }

  /** Parses base64url (as sent in a JoinRequest); IllegalArgumentException if malformed. */
  public static Secret parse(String base64url) {
    if (base64url == null || !base64url.matches("[A-Za-z0-9_-]{22}")) {
      throw new IllegalArgumentException("secret must be 22 base64url characters");
    }
    Secret secret = of(Base64.getUrlDecoder().decode(base64url));
    // The decoder ignores the spare low bits of the last character; insist on the one form.
    if (!secret.encoded().equals(base64url)) {
      throw new IllegalArgumentException("secret is not in canonical base64url form");
    }
    return secret;
  }

  /** A copy of the raw bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** base64url without padding. */
  public String encoded() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** SHA-256 of the secret: what the owner stores. */
  public byte[] hash() {
    return Sha256.of(bytes);
  }

  /** Whether this secret hashes to {@code storedHash}, compared in constant time. */
  public boolean matches(byte[] storedHash) {
    return storedHash != null && MessageDigest.isEqual(hash(), storedHash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
