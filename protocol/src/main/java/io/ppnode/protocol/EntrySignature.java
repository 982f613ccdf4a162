package io.ppnode.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The owner's Ed25519 signature over one index entry's canonical bytes ({@link
 * IndexEntryBytes}). A value type so that entries compare by content. On the wire it is 128
 * lowercase hex characters; what it signs and who checks it is docs/protocol.md section 4.1.
 */
public final class EntrySignature extends FixedBytes {
  public static final int LENGTH = 64;
  private static final String WHAT = "an Ed25519 signature";

  private EntrySignature(byte[] bytes) {
    super(bytes, LENGTH, WHAT);
  }

  /** Wraps a copy of a 64-byte signature; throws IllegalArgumentException for any other length. */
  public static EntrySignature of(byte[] signature) {
    return new EntrySignature(signature);
  }

  /** Parses 128 hex characters; throws IllegalArgumentException otherwise. */
  @JsonCreator
  public static EntrySignature ofHex(String hex) {
    return new EntrySignature(parseHex(hex, LENGTH, WHAT));
  }
}
