package io.ppnode.node.manifest;

/** A node's part in a project: the owner publishes it, a member receives it. */
public enum Role {
  OWNER,
  MEMBER
}
