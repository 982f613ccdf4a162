package io.ppnode.node.invite;

/** An invite secret: 16 random bytes. Value type; the owner stores only {@link #hash()}. */
public final class Secret {
  public static Secret random() {
    throw new UnsupportedOperationException("TODO");
  }

  public static Secret of(byte[] bytes) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Parses base64url (as sent in a JoinRequest); IllegalArgumentException if malformed. */
  public static Secret parse(String base64url) {
    throw new UnsupportedOperationException("TODO");
  }

  public byte[] bytes() {
    throw new UnsupportedOperationException("TODO");
  }

  /** base64url without padding. */
  public String encoded() {
    throw new UnsupportedOperationException("TODO");
  }

  /** SHA-256 of the secret: what the owner stores. */
  public byte[] hash() {
    throw new UnsupportedOperationException("TODO");
  }
}
