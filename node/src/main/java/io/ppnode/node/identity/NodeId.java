package io.ppnode.node.identity;

import java.security.PublicKey;

/**
 * A node's identity as people see it: the SHA-256 of its Ed25519 public key (X.509
 * SubjectPublicKeyInfo encoding), in base32 with Luhn check characters, grouped with dashes,
 * as Syncthing prints device ids. Compares by the digest.
 */
public final class NodeId {
  /** The id of a public key. */
  public static NodeId of(PublicKey key) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Builds an id from a raw 32-byte digest (as carried in invites). */
  public static NodeId ofDigest(byte[] digest) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Parses the printed form (dashes and case optional); IllegalArgumentException with a clear message if malformed or the check characters fail. */
  public static NodeId parse(String text) {
    throw new UnsupportedOperationException("TODO");
  }

  /** The raw 32-byte digest. */
  public byte[] digest() {
    throw new UnsupportedOperationException("TODO");
  }

  /** The printed, checksummed form. */
  @Override
  public String toString() {
    throw new UnsupportedOperationException("TODO");
  }
}
