package io.ppnode.node.manifest;

/** What redeeming an invite secret found. Only ACCEPTED changes anything. */
public enum InviteOutcome {
  ACCEPTED,
  UNKNOWN,
  EXPIRED,
  USED_UP,
  /** The node was a member and the owner revoked it; no invite lets it back in. */
  REVOKED
}
