package io.ppnode.node.net;

/** No address of the peer answered as that peer within the deadline. */
public class PeerUnreachableException extends Exception {
  public PeerUnreachableException(String message) {
    super(message);
  }
}
