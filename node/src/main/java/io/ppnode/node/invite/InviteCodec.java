package io.ppnode.node.invite;

/**
 * Turns an {@link Invite} into one URL-safe line and back. The token is versioned and carries a
 * checksum so that a truncated or mistyped token is told apart from one the owner refuses.
 */
public final class InviteCodec {
  private InviteCodec() {}

  public static String encode(Invite invite) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Parses a token; {@link InvalidInviteException} with a one-line reason if it is not a valid token. */
  public static Invite decode(String token) throws InvalidInviteException {
    throw new UnsupportedOperationException("TODO");
  }
}
