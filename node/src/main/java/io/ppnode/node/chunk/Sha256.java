package io.ppnode.node.chunk;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The JDK's SHA-256, the one digest ppnode uses for chunks, file hashes, node ids and invite
 * checksums. Every Java platform must provide it, so its absence is an error of the runtime,
 * not a condition callers should handle; this is the one place that says so.
 */
public final class Sha256 {
  private Sha256() {}

  /** A fresh digest, for one thread at a time as every {@link MessageDigest} is. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** SHA-256 of {@code bytes}. */
  public static byte[] of(byte[] bytes) {
    return newDigest().digest(bytes);
  }
}
