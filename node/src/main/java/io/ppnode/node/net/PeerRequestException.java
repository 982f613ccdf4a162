package io.ppnode.node.net;

import io.ppnode.protocol.ErrorCode;

/** A request refused by the peer (or by us, when thrown from a {@link PeerHandler}). */
public class PeerRequestException extends RuntimeException {
  private final ErrorCode code;

  public PeerRequestException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
