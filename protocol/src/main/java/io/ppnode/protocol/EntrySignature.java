package io.ppnode.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The owner's Ed25519 signature over one index entry's canonical bytes ({@link
 * IndexEntryBytes}). A value type so that entries compare by content. On the wire it is 128
 * lowercase hex characters; what it signs and who checks it is docs/protocol.md section 4.1.
 */
public final class EntrySignature {
  public static final int LENGTH = 64;
  private final byte[] bytes;

  private EntrySignature(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of a 64-byte signature; throws IllegalArgumentException for any other length. */
  public static EntrySignature of(byte[] signature) {
    if (signature == null || signature.length != LENGTH) {
      throw new IllegalArgumentException("an Ed25519 signature has 64 bytes");
    }
    return new EntrySignature(signature.clone());
  }

  /** Parses 128 hex characters; throws IllegalArgumentException otherwise. */
  @JsonCreator
  public static EntrySignature ofHex(String hex) {
    if (hex == null || hex.length() != LENGTH * 2) {
      throw new IllegalArgumentException("an Ed25519 signature is 128 hex characters");
    }
    return new EntrySignature(HexFormat.of().parseHex(hex));
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
    return o instanceof EntrySignature other && Arrays.equals(bytes, other.bytes);
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
