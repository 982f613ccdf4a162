package io.ppnode.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A SHA-256 digest of a chunk, or a file hash (the digest of its chunk hashes). A value type,
 * so that hashes compare by content (a bare {@code byte[]} in a record would compare by
 * reference). On the wire and in JSON it is 64 lowercase hex characters.
 */
public final class ChunkHash extends FixedBytes {
  public static final int LENGTH = 32;
  private static final String WHAT = "a SHA-256 digest";

  private ChunkHash(byte[] bytes) {
    super(bytes, LENGTH, WHAT);
  }

  /** Wraps a copy of a 32-byte digest; throws IllegalArgumentException for any other length. */
  public static ChunkHash of(byte[] digest) {
    return new ChunkHash(digest);
  }

  /** Parses 64 hex characters; throws IllegalArgumentException otherwise. */
  @JsonCreator
  public static ChunkHash ofHex(String hex) {
    return new ChunkHash(parseHex(hex, LENGTH, WHAT));
  }
}
