package io.ppnode.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A fixed-length byte string with value semantics (a bare {@code byte[]} in a record would
 * compare by reference), written in JSON as lower-case hex. The base of {@link ChunkHash} and
 * {@link EntrySignature}; two values are equal only if they are of the same kind.
 */
abstract class FixedBytes {
  private final byte[] bytes;

  /** Takes a copy of {@code bytes}; IllegalArgumentException unless there are {@code length}. */
  FixedBytes(byte[] bytes, int length, String what) {
    if (bytes == null || bytes.length != length) {
      throw new IllegalArgumentException(what + " has " + length + " bytes");
    }
    this.bytes = bytes.clone();
  }

  /** Parses {@code 2 * length} hex characters; IllegalArgumentException otherwise. */
  static byte[] parseHex(String hex, int length, String what) {
    if (hex == null || hex.length() != length * 2) {
      throw new IllegalArgumentException(what + " is " + length * 2 + " hex characters");
    }
    return HexFormat.of().parseHex(hex);
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
    return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes) o).bytes);
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
