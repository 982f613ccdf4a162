package io.ppnode.protocol;

/**
 * The fixed one-byte wire code of every message. {@link #of(int)} throws for an unknown code so
 * that a frame of a type this version does not know is a protocol violation, never ignored.
 */
public enum MessageType {
  HELLO(0x01),
  ERROR(0x02),
  JOIN_REQUEST(0x10),
  JOIN_ACCEPTED(0x11),
  INDEX_REQUEST(0x20),
  INDEX_PAGE(0x21),
  INDEX_WATCH(0x22),
  INDEX_CHANGED(0x23),
  CHUNK_REQUEST(0x30),
  CHUNK_DATA(0x31),
  PEERS_REQUEST(0x40),
  PEERS(0x41),
  TICKET_OFFER(0x42),
  TICKET_ACCEPTED(0x43);

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static MessageType of(int code) {
    for (MessageType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new ProtocolViolationException("unknown message type 0x" + Integer.toHexString(code));
  }
}
