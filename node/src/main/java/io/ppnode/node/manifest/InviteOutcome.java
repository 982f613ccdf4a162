package io.ppnode.node.manifest;

/** What redeeming an invite secret found. Only ACCEPTED changes anything. */
public enum InviteOutcome {
  ACCEPTED,
  UNKNOWN,
  EXPIRED,
  USED_UP
}
