package io.ppnode.protocol;

/** Why a request was refused; carried in {@link Message.Error}. */
public enum ErrorCode {
  /** The caller is not a member of the project, or the project does not exist here. */
  NOT_MEMBER,
  /** The invite secret is unknown (forged or revoked). */
  INVITE_INVALID,
  /** The invite's expiry has passed. */
  INVITE_EXPIRED,
  /** The invite has no uses left. */
  INVITE_USED,
  /** The requested chunk is not what the owner's current index holds (file changed). */
  CHUNK_UNAVAILABLE,
  /** The peer broke the protocol; the connection closes. */
  PROTOCOL,
  /** Something went wrong on the answering side. */
  INTERNAL
}
