package io.ppnode.node.transfer;

import java.io.IOException;

/** A peer sent more chunks that fail their hash than {@link VerifiedFetcher} forgives; it was dropped. */
public final class BadPeerException extends IOException {
  public BadPeerException(String peerId, int badChunks) {
    super("dropped peer " + peerId + " after " + badChunks + " chunks that did not match the owner's index");
  }
}
