package io.ppnode.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 digest of a chunk or a whole file. A value type, so that hashes compare by content
 * (a bare {@code byte[]} in a record would compare by reference). On the wire and in JSON it is
 * 64 lowercase hex characters.
 */
public final class ChunkHash {
  public static final int LENGTH = 32;
  private final byte[] bytes;

  private ChunkHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of a 32-byte digest; throws IllegalArgumentException for any other length. */
  public static ChunkHash of(byte[] digest) {
    if (digest == null || digest.length != LENGTH) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
    }
    return new ChunkHash(digest.clone());
  }

  /** Parses 64 hex characters; throws IllegalArgumentException otherwise. */
  @JsonCreator
  public static ChunkHash ofHex(String hex) {
    if (hex == null || hex.length() != LENGTH * 2) {
      throw new IllegalArgumentException("a SHA-256 digest is 64 hex characters");
    }
    return new ChunkHash(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  @JsonValue
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChunkHash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
