package io.ppnode.node.net;

/** The connection could not be set up: TLS failed, the peer is not who we expected, or it left before HELLO. */
public class PeerIdentityException extends RuntimeException {
  public PeerIdentityException(String message) {
    super(message);
  }
}
