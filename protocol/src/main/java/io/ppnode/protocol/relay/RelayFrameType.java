package io.ppnode.protocol.relay;

import io.netty.handler.codec.CorruptedFrameException;

/** The wire code of each relay control frame; an unknown code is a corrupt stream. */
public enum RelayFrameType {
  REGISTER(0x01),
  CHALLENGE(0x02),
  PROOF(0x03),
  REGISTERED(0x04),
  INVITE(0x05),
  CONNECT(0x06),
  JOIN(0x07),
  OK(0x08),
  PING(0x09),
  PONG(0x0A),
  REFUSED(0x7F);

  private final int code;

  RelayFrameType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static RelayFrameType of(int code) {
    for (RelayFrameType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new CorruptedFrameException(String.format("unknown relay frame type 0x%02x", code));
  }
}
