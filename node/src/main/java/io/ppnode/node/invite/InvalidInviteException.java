package io.ppnode.node.invite;

/** An invite token that cannot be read: garbage, truncated, wrong version or bad checksum. */
public class InvalidInviteException extends Exception {
  public InvalidInviteException(String message) {
    super(message);
  }
}
