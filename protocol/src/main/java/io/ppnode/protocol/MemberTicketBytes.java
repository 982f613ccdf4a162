package io.ppnode.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The canonical bytes of a member ticket, which the owner signs and another member verifies
 * before it serves chunks (docs/protocol.md, "Swarming"). The member's node id is inside, so a
 * ticket only admits the node that proves that id in its TLS handshake; the project id is inside,
 * so it admits to one project only; the expiry bounds how long a revoked member keeps it.
 *
 * <pre>
 * context   "ppnode-member-ticket-v1" (23 ASCII bytes)
 * project   u8 length | ASCII
 * member    u8 length | ASCII (the printed node id, with dashes)
 * expires   i64 (Unix milliseconds)
 * </pre>
 */
public final class MemberTicketBytes {
  public static final byte[] CONTEXT = "ppnode-member-ticket-v1".getBytes(StandardCharsets.US_ASCII);

  private MemberTicketBytes() {}

  /** The bytes to sign for {@code member}'s ticket to {@code project}, valid until {@code expires}. */
  public static byte[] of(String project, String member, long expires) {
    byte[] p = project.getBytes(StandardCharsets.US_ASCII);
    byte[] m = member.getBytes(StandardCharsets.US_ASCII);
    if (p.length > 0xff || m.length > 0xff) {
      throw new IllegalArgumentException("project or node id too long to sign");
    }
    return ByteBuffer.allocate(CONTEXT.length + 1 + p.length + 1 + m.length + 8)
        .put(CONTEXT)
        .put((byte) p.length).put(p)
        .put((byte) m.length).put(m)
        .putLong(expires)
        .array();
  }
}
