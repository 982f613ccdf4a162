package io.ppnode.node.invite;

import io.ppnode.node.chunk.Sha256;
import io.ppnode.node.identity.NodeId;
import io.ppnode.node.identity.ProjectIds;
import io.ppnode.node.net.HostPort;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Turns an {@link Invite} into one URL-safe line and back. The token is versioned and carries a
 * checksum so that a truncated or mistyped token is told apart from one the owner refuses.
 *
 * <pre>
 * token = "ppn1-" base64url-without-padding(payload)     (version 1: no relays)
 *       | "ppn2-" base64url-without-padding(payload)     (version 2: with relays)
 *
 * payload (big-endian):
 * +---------+----------------+-------------------+-------------+-----------------+
 * | version | project id     | owner node id     | secret      | expires         |
 * | u8 = 1  | 16 bytes       | 32 bytes (SHA-256)| 16 bytes    | u64 epoch secs  |
 * +---------+----------------+-------------------+-------------+-----------------+
 * | count   | count x ( u8 length | length bytes UTF-8 "HOST:PORT" ) | checksum    |
 * | u8 <=16 |                                                        | 4 bytes     |
 * +---------+--------------------------------------------------------+-------------+
 * version 2 inserts, between the addresses and the checksum:
 * | relays  | relays x ( u8 length | length bytes UTF-8 "HOST:PORT" of relay://HOST:PORT ) |
 * | u8 <= 8 |                                                                             |
 * checksum = first 4 bytes of SHA-256(all payload bytes before it)
 * </pre>
 *
 * <p>An invite without relays is still written as version 1, so a ppnode that reads only
 * version 1 keeps accepting it; this one reads both.
 *
 * <p>Decoding checks in the order that gives the most useful message: prefix and alphabet
 * (not an invite at all), version (made by a newer ppnode), field lengths (cut off while
 * copying), checksum (damaged), then the addresses. Expiry is not checked here: the owner
 * decides whether an invite is still good.
 */
public final class InviteCodec {
  /** Text every token starts with; the digit is the payload version, so people can see it. */
  public static final String PREFIX = "ppn1-";
  /** Prefix of a version 2 token (one that names relays). */
  public static final String PREFIX_V2 = "ppn2-";

  static final int VERSION = 1;
  static final int VERSION_WITH_RELAYS = 2;
  static final int MAX_ADDRESSES = 16;
  static final int MAX_RELAYS = 8;
  static final String RELAY_SCHEME = "relay://";
  static final int CHECKSUM_BYTES = 4;

  /** Fixed part before the addresses: version, project, owner, secret, expiry, count. */
  private static final int FIXED_BYTES =
      1 + ProjectIds.BYTES + NodeId.DIGEST_BYTES + Secret.BYTES + Long.BYTES + 1;

  /** Largest payload the format allows; longer text is refused before it is decoded. */
  private static final int MAX_PAYLOAD_BYTES =
      FIXED_BYTES + MAX_ADDRESSES * (1 + HostPort.MAX_HINT_LENGTH) + 1 + MAX_RELAYS * (1 + HostPort.MAX_HINT_LENGTH)
          + CHECKSUM_BYTES;

  private static final int MAX_TOKEN_CHARS = PREFIX.length() + (MAX_PAYLOAD_BYTES * 4 + 2) / 3;

  private InviteCodec() {}

  /**
   * The token for {@code invite}.
   *
   * @throws IllegalArgumentException if the invite cannot be represented: more than 16
   *     addresses, a malformed address, a malformed project id or an expiry before 1970
   */
  public static String encode(Invite invite) {
    if (invite.addresses().size() > MAX_ADDRESSES) {
      throw new IllegalArgumentException("an invite carries at most " + MAX_ADDRESSES + " addresses");
    }
    long expires = invite.expires().getEpochSecond();
    if (expires < 0) {
      throw new IllegalArgumentException("invite expiry is before 1970");
    }
    if (invite.relays().size() > MAX_RELAYS) {
      throw new IllegalArgumentException("an invite carries at most " + MAX_RELAYS + " relays");
    }
    int version = invite.relays().isEmpty() ? VERSION : VERSION_WITH_RELAYS;
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(version);
    out.writeBytes(ProjectIds.toBytes(invite.projectId()));
    out.writeBytes(invite.owner().digest());
    out.writeBytes(invite.secret().bytes());
    out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(expires).array());
    out.write(invite.addresses().size());
    for (String address : invite.addresses()) {
      if (!HostPort.isValidHint(address)) {
        throw new IllegalArgumentException("not a HOST:PORT address: \"" + address + "\"");
      }
      byte[] utf8 = address.getBytes(StandardCharsets.UTF_8);
      out.write(utf8.length);
      out.writeBytes(utf8);
    }
    if (version == VERSION_WITH_RELAYS) {
      out.write(invite.relays().size());
      for (String url : invite.relays()) {
        String address = url.startsWith(RELAY_SCHEME) ? url.substring(RELAY_SCHEME.length()) : "";
        if (!HostPort.isValidHint(address)) {
          throw new IllegalArgumentException("not a relay://HOST:PORT URL: \"" + url + "\"");
        }
        byte[] utf8 = address.getBytes(StandardCharsets.UTF_8);
        out.write(utf8.length);
        out.writeBytes(utf8);
      }
    }
    out.writeBytes(checksum(out.toByteArray(), out.size()));
    return (version == VERSION ? PREFIX : PREFIX_V2) + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
  }

  /**
   * Parses a token; {@link InvalidInviteException} with a one-line reason if it is not a valid
   * token. Surrounding whitespace (as left by copy and paste) is ignored.
   */
  public static Invite decode(String token) throws InvalidInviteException {
    String text = token == null ? "" : token.strip();
    int prefixVersion = text.startsWith(PREFIX_V2) ? VERSION_WITH_RELAYS : VERSION;
    ByteBuffer in = ByteBuffer.wrap(payload(text));
    int version = in.get() & 0xff;
    if (version != prefixVersion) {
      throw new InvalidInviteException(
          "invite version " + version + " is not supported by this ppnode (it reads versions "
              + VERSION + " and " + VERSION_WITH_RELAYS + "); the invite may come from a newer ppnode");
    }
    need(in, FIXED_BYTES - 1);
    byte[] project = take(in, ProjectIds.BYTES);
    byte[] owner = take(in, NodeId.DIGEST_BYTES);
    byte[] secret = take(in, Secret.BYTES);
    long expires = in.getLong();
    int count = in.get() & 0xff;
    List<byte[]> rawAddresses = new ArrayList<>(Math.min(count, MAX_ADDRESSES));
    for (int i = 0; i < count; i++) {
      need(in, 1);
      rawAddresses.add(take(in, in.get() & 0xff));
    }
    List<byte[]> rawRelays = new ArrayList<>();
    int relayCount = 0;
    if (version == VERSION_WITH_RELAYS) {
      need(in, 1);
      relayCount = in.get() & 0xff;
      for (int i = 0; i < relayCount; i++) {
        need(in, 1);
        rawRelays.add(take(in, in.get() & 0xff));
      }
    }
    int end = in.position();
    need(in, CHECKSUM_BYTES);
    byte[] expected = checksum(in.array(), end);
    if (!MessageDigest.isEqual(expected, take(in, CHECKSUM_BYTES)) || in.hasRemaining()) {
      throw new InvalidInviteException("invite is damaged (checksum mismatch); copy it again");
    }
    // Only now, with the checksum good, are odd values the inviter's doing rather than a typo.
    if (count > MAX_ADDRESSES) {
      throw new InvalidInviteException(
          "invite has a bad address list (" + count + " addresses, at most " + MAX_ADDRESSES + ")");
    }
    if (relayCount > MAX_RELAYS) {
      throw new InvalidInviteException(
          "invite has a bad relay list (" + relayCount + " relays, at most " + MAX_RELAYS + ")");
    }
    if (expires < 0 || expires > Instant.MAX.getEpochSecond()) {
      throw new InvalidInviteException("invite has an impossible expiry time");
    }
    List<String> addresses = new ArrayList<>(count);
    for (byte[] raw : rawAddresses) {
      addresses.add(address(raw));
    }
    List<String> relays = new ArrayList<>(relayCount);
    for (byte[] raw : rawRelays) {
      relays.add(RELAY_SCHEME + address(raw));
    }
    return new Invite(
        ProjectIds.fromBytes(project),
        NodeId.ofDigest(owner),
        addresses,
        Secret.of(secret),
        Instant.ofEpochSecond(expires),
        relays);
  }

  /** The binary payload of a token, or why the text is not a ppnode invite at all. */
  private static byte[] payload(String text) throws InvalidInviteException {
    String prefix = text.startsWith(PREFIX_V2) ? PREFIX_V2 : PREFIX;
    if (!text.startsWith(prefix)) {
      throw new InvalidInviteException("not a ppnode invite (it should start with \"" + PREFIX + "\")");
    }
    String body = text.substring(prefix.length());
    if (body.isEmpty()) {
      throw new InvalidInviteException("invite is truncated (nothing after \"" + prefix + "\"); copy the whole line");
    }
    if (body.length() > MAX_TOKEN_CHARS - PREFIX.length()) {
      throw new InvalidInviteException("not a ppnode invite (far too long)");
    }
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        throw new InvalidInviteException(
            "not a ppnode invite (unexpected character '" + c + "' at position " + (PREFIX.length() + i + 1) + ")");
      }
    }
    if (body.length() % 4 == 1) {
      // No byte string encodes to this length: a character was lost or added.
      throw new InvalidInviteException("invite is damaged (a character is missing or extra); copy it again");
    }
    byte[] bytes = Base64.getUrlDecoder().decode(body);
    // The decoder ignores the spare bits of the last character; a change there is damage too.
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(body)) {
      throw new InvalidInviteException("invite is damaged (checksum mismatch); copy it again");
    }
    return bytes;
  }

  private static String address(byte[] raw) throws InvalidInviteException {
    String address;
    try {
      address =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(raw))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInviteException("invite has a bad address (not UTF-8 text)");
    }
    if (!HostPort.isValidHint(address)) {
      throw new InvalidInviteException("invite has a bad address \"" + printable(address) + "\" (expected HOST:PORT)");
    }
    return address;
  }

  /** Keeps an error message on one line whatever the address contains. */
  private static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      int type = Character.getType(c);
      if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        out.append('?');
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  private static void need(ByteBuffer in, int n) throws InvalidInviteException {
    if (in.remaining() < n) {
      throw new InvalidInviteException("invite is truncated (part of it is missing); copy the whole line");
    }
  }

  private static byte[] take(ByteBuffer in, int n) throws InvalidInviteException {
    need(in, n);
    byte[] out = new byte[n];
    in.get(out);
    return out;
  }

  private static byte[] checksum(byte[] data, int length) {
    MessageDigest sha = Sha256.newDigest();
    sha.update(data, 0, length);
    return Arrays.copyOf(sha.digest(), CHECKSUM_BYTES);
  }
}
