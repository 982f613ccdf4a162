package io.ppnode.protocol;

/**
 * The peer broke the protocol: a malformed, oversized or out-of-place message. The connection is
 * closed and the event logged at debug; it is the peer's fault, not ours.
 */
public class ProtocolViolationException extends RuntimeException {
  public ProtocolViolationException(String message) {
    super(message);
  }

  public ProtocolViolationException(String message, Throwable cause) {
    super(message, cause);
  }
}
