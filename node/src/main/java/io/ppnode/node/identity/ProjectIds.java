package io.ppnode.node.identity;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Project ids: 16 random bytes, written as 26 lower-case base32 characters (RFC 4648 alphabet,
 * no padding). The text form is what users and the manifest see; invites carry the raw bytes
 * to stay short, and {@link #fromBytes}/{@link #toBytes} convert without loss.
 */
public final class ProjectIds {
  /** Raw length of a project id. */
  public static final int BYTES = 16;

  /** Length of the text form. */
  public static final int CHARS = 26;

  private static final SecureRandom RANDOM = new SecureRandom();

  private ProjectIds() {}

  /** A fresh random project id in text form. */
  public static String newId() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return fromBytes(bytes);
  }

  /** The text form of 16 raw bytes. */
  public static String fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      throw new IllegalArgumentException("project id must be " + BYTES + " bytes");
    }
    return Base32.encode(bytes).toLowerCase(Locale.ROOT);
  }

  /**
   * The raw bytes of a text project id; IllegalArgumentException if it is not 26 lower-case
   * base32 characters with zero spare bits (so each id has exactly one text form).
   */
  public static byte[] toBytes(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("not a project id: \"" + id + "\"");
    }
    return Base32.decode(id.toUpperCase(Locale.ROOT));
  }

  /** Whether {@code id} is a well-formed project id in canonical (lower-case) form. */
  public static boolean isValid(String id) {
    if (id == null || id.length() != CHARS) {
      return false;
    }
    for (int i = 0; i < CHARS; i++) {
      char c = id.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
        return false;
      }
    }
    // 26 characters carry 130 bits; the last character's two low bits must be zero.
    return (Base32.value(Character.toUpperCase(id.charAt(CHARS - 1))) & 3) == 0;
  }
}
