package io.ppnode.protocol;

/** Hard limits of protocol version 1. Every length and count from the wire is checked against these. */
public final class Limits {
  private Limits() {}

  public static final int PROTOCOL_VERSION = 1;
  /** "PPND" */
  public static final int MAGIC = 0x50504E44;
  /**
   * The fixed chunk size the first scanner used. Not a wire rule: chunk boundaries are the owner's
   * choice (now content-defined, docs/protocol.md section 7), and a receiver accepts any valid list.
   */
  public static final int CHUNK_SIZE = 1 << 20;
  /** Largest chunk a peer may send or request. */
  public static final int MAX_CHUNK_BYTES = 16 << 20;
  /** Largest JSON control message. */
  public static final int MAX_CONTROL_BYTES = 16 << 20;
  /** Largest hello frame. */
  public static final int MAX_HELLO_BYTES = 4096;
  /** Addresses a HELLO may report; 16 of at most ~50 characters keep it inside MAX_HELLO_BYTES. */
  public static final int MAX_HELLO_ADDRESSES = 16;
  /** Relay URLs a HELLO may report, as many as an invite may name. */
  public static final int MAX_HELLO_RELAYS = 8;
  /** Other members one PEERS answer may list. */
  public static final int MAX_PEERS = 32;
  /** Largest frame of any type: a chunk plus its 8-byte request id and the type byte (a control message is capped lower). */
  public static final int MAX_FRAME_BYTES = MAX_CHUNK_BYTES + 9;
  /** Most index entries in one page. */
  public static final int MAX_INDEX_PAGE_FILES = 2000;
  /** Most chunks one index entry may list. */
  public static final int MAX_CHUNKS_PER_FILE = 1 << 20;
  /** Longest path, in UTF-8 bytes. */
  public static final int MAX_PATH_BYTES = 4096;
}
