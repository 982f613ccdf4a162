package io.ppnode.protocol.relay;

/**
 * Why the relay refused a request, as carried in a REFUSED frame. The relay also counts its
 * refusals by these names on the status endpoint. An unknown code decodes as {@link #OTHER} so a
 * newer relay's reason still reaches the user as text.
 */
public enum RefusalReason {
  OTHER(0),
  BAD_PROOF(1),
  ALREADY_REGISTERED(2),
  UNKNOWN_TARGET(3),
  TOO_MANY_SESSIONS(4),
  TOO_MANY_FROM_ADDRESS(5),
  BAD_TOKEN(6),
  VERSION(7),
  PROTOCOL(8),
  TIMEOUT(9),
  TARGET_DID_NOT_ANSWER(10),
  TOO_MANY_REGISTERED(11);

  private final int code;

  RefusalReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static RefusalReason of(int code) {
    for (RefusalReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return OTHER;
  }
}
