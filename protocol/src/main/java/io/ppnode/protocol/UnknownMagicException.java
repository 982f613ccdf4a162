package io.ppnode.protocol;

/**
 * The first frame did not carry the ppnode magic: whatever is on the other end is not a ppnode
 * peer (a web server, a port scanner, another protocol). A distinct type so the node can tell the
 * user "not a ppnode peer" rather than a generic protocol error.
 */
public final class UnknownMagicException extends ProtocolViolationException {
  private final int magic;

  public UnknownMagicException(int magic) {
    super("not a ppnode peer (unknown magic)");
    this.magic = magic;
  }

  /** The four bytes found where the magic belongs (fewer are padded with zero bytes). */
  public int magic() {
    return magic;
  }
}
