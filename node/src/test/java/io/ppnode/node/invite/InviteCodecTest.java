package io.ppnode.node.invite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.identity.NodeId;
import io.ppnode.node.identity.ProjectIds;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InviteCodecTest {
  private static final String BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /** A fixed invite, so that the exhaustive damage tests below are deterministic. */
  private static Invite sample(List<String> addresses) {
    byte[] project = new byte[16];
    byte[] owner = new byte[32];
    byte[] secret = new byte[16];
    Random random = new Random(1234);
    random.nextBytes(project);
    random.nextBytes(owner);
    random.nextBytes(secret);
    return new Invite(
        ProjectIds.fromBytes(project),
        NodeId.ofDigest(owner),
        addresses,
        Secret.of(secret),
        Instant.ofEpochSecond(1_900_000_000L));
  }

  private static final Invite SAMPLE =
      sample(List.of("example.org:22000", "192.0.2.7:1", "[2001:db8::1]:65535", "[::ffff:192.0.2.1]:4242"));

  private static String message(String token) {
    return assertThrows(InvalidInviteException.class, () -> InviteCodec.decode(token)).getMessage();
  }

  @Test
  void roundTripWithIpv6AndSeveralAddresses() throws Exception {
    String token = InviteCodec.encode(SAMPLE);
    assertTrue(token.startsWith("ppn1-"));
    assertTrue(token.matches("ppn1-[A-Za-z0-9_-]+"), token);
    assertEquals(SAMPLE, InviteCodec.decode(token));
  }

  @Test
  void relaysMakeAVersion2TokenThatRoundTrips() throws Exception {
    Invite withRelays = new Invite(SAMPLE.projectId(), SAMPLE.owner(), SAMPLE.addresses(), SAMPLE.secret(),
        SAMPLE.expires(), List.of("relay://relay.example.org:7413", "relay://[2001:db8::2]:443"));
    String token = InviteCodec.encode(withRelays);
    assertTrue(token.matches("ppn2-[A-Za-z0-9_-]+"), token);
    assertEquals(withRelays, InviteCodec.decode(token));
    // Without relays the token stays version 1, readable by a ppnode that knows only that.
    assertTrue(InviteCodec.encode(SAMPLE).startsWith("ppn1-"));
  }

  @Test
  void aVersion2PayloadUnderTheVersion1PrefixIsRefused() throws Exception {
    Invite withRelays = new Invite(SAMPLE.projectId(), SAMPLE.owner(), List.of(), SAMPLE.secret(),
        SAMPLE.expires(), List.of("relay://127.0.0.1:1"));
    String token = InviteCodec.encode(withRelays);
    assertTrue(message("ppn1-" + token.substring(5)).contains("version 2"));
    assertThrows(IllegalArgumentException.class, () -> InviteCodec.encode(new Invite(SAMPLE.projectId(),
        SAMPLE.owner(), List.of(), SAMPLE.secret(), SAMPLE.expires(), List.of("127.0.0.1:1"))));
  }

  @Test
  void roundTripWithoutAddressesAndWithSixteen() throws Exception {
    Invite none = sample(List.of());
    assertEquals(none, InviteCodec.decode(InviteCodec.encode(none)));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      many.add("host-" + i + ".example:" + (1000 + i));
    }
    Invite full = sample(many);
    assertEquals(full, InviteCodec.decode(InviteCodec.encode(full)));
  }

  @Test
  void randomInvitesRoundTrip() throws Exception {
    for (int i = 0; i < 50; i++) {
      Invite invite = new Invite(ProjectIds.newId(), NodeId.ofDigest(randomBytes(32)),
          List.of("10.0.0." + i + ":22000"), Secret.random(), Instant.ofEpochSecond(i * 1_000_000L));
      assertEquals(invite, InviteCodec.decode(InviteCodec.encode(invite)));
    }
  }

  @Test
  void surroundingWhitespaceIsIgnored() throws Exception {
    assertEquals(SAMPLE, InviteCodec.decode("  \t" + InviteCodec.encode(SAMPLE) + "\r\n"));
  }

  @Test
  void truncatedAtEveryLengthIsRejected() {
    String token = InviteCodec.encode(SAMPLE);
    for (int length = 0; length < token.length(); length++) {
      String cut = token.substring(0, length);
      assertThrows(InvalidInviteException.class, () -> InviteCodec.decode(cut), cut);
    }
  }

  @Test
  void truncationInsideTheFieldsSaysTruncated() {
    byte[] payload = payloadOf(InviteCodec.encode(SAMPLE));
    String cut = "ppn1-" + b64(Arrays.copyOf(payload, 60));
    assertTrue(message(cut).contains("truncated"), message(cut));
  }

  @Test
  void everySingleChangedCharacterIsRejected() {
    String token = InviteCodec.encode(SAMPLE);
    for (int pos = 0; pos < token.length(); pos++) {
      for (char c : BASE64URL.toCharArray()) {
        if (c == token.charAt(pos)) {
          continue;
        }
        String damaged = token.substring(0, pos) + c + token.substring(pos + 1);
        assertThrows(InvalidInviteException.class, () -> InviteCodec.decode(damaged), damaged);
      }
    }
  }

  @Test
  void changedCharacterInTheBodyReportsChecksumMismatch() {
    String token = InviteCodec.encode(SAMPLE);
    int pos = 30;
    char replacement = token.charAt(pos) == 'A' ? 'B' : 'A';
    String damaged = token.substring(0, pos) + replacement + token.substring(pos + 1);
    assertEquals("invite is damaged (checksum mismatch); copy it again", message(damaged));
  }

  @Test
  void garbageIsRejected() {
    for (String garbage : List.of("", "   ", "hello", "ppn1", "ppn1-", "ppn1-!!!", "ppn1-a", "ppn1-====",
        "PPN1-" + InviteCodec.encode(SAMPLE).substring(5), "ppn2-AAAA", "https://example.org/")) {
      assertThrows(InvalidInviteException.class, () -> InviteCodec.decode(garbage), garbage);
    }
    assertThrows(InvalidInviteException.class, () -> InviteCodec.decode(null));
    assertTrue(message("hello").startsWith("not a ppnode invite"), message("hello"));
    assertTrue(message("ppn1-!!!").startsWith("not a ppnode invite"), message("ppn1-!!!"));
  }

  @Test
  void randomBase64IsRejected() {
    Random random = new Random(99);
    for (int length = 0; length < 400; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      String withPrefix = "ppn1-" + b64(bytes);
      assertThrows(InvalidInviteException.class, () -> InviteCodec.decode(withPrefix), withPrefix);
      String without = b64(bytes);
      assertThrows(InvalidInviteException.class, () -> InviteCodec.decode(without), without);
    }
  }

  @Test
  void randomBase64WithVersionOneIsRejected() {
    Random random = new Random(5);
    for (int length = 1; length < 400; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      bytes[0] = 1;
      String token = "ppn1-" + b64(bytes);
      assertThrows(InvalidInviteException.class, () -> InviteCodec.decode(token), token);
    }
  }

  @Test
  void overlongTokenIsRejected() {
    String huge = "ppn1-" + "A".repeat(100_000);
    assertTrue(message(huge).startsWith("not a ppnode invite"), message(huge));
  }

  @Test
  void wrongVersionIsRejected() {
    byte[] payload = withoutChecksum(payloadOf(InviteCodec.encode(SAMPLE)));
    payload[0] = 2;
    String msg = message("ppn1-" + b64(withChecksum(payload)));
    assertTrue(msg.contains("version 2"), msg);
    payload[0] = 0;
    assertTrue(message("ppn1-" + b64(withChecksum(payload))).contains("version 0"));
  }

  @Test
  void extraBytesAfterTheChecksumAreRejected() {
    byte[] payload = payloadOf(InviteCodec.encode(SAMPLE));
    byte[] longer = Arrays.copyOf(payload, payload.length + 1);
    assertThrows(InvalidInviteException.class, () -> InviteCodec.decode("ppn1-" + b64(longer)));
  }

  @Test
  void badAddressesAreRejected() {
    for (String bad : List.of("no-port", "host:", "host:0", "host:65536", ":22000", "[::1:22000",
        "[zz::1]:1", "2001:db8::1:22000", "bad host:1", "h\nx:1", "[fe80::1%eth0]:1")) {
      String msg = message("ppn1-" + b64(handMade(1, List.of(bad.getBytes(StandardCharsets.UTF_8)))));
      assertTrue(msg.startsWith("invite has a bad address"), bad + " -> " + msg);
      assertFalse(msg.contains("\n"), msg);
    }
    String msg = message("ppn1-" + b64(handMade(1, List.of(new byte[] {(byte) 0xff, ':', '1'}))));
    assertTrue(msg.startsWith("invite has a bad address"), msg);
    msg = message("ppn1-" + b64(handMade(1, List.of(new byte[0]))));
    assertTrue(msg.startsWith("invite has a bad address"), msg);
  }

  @Test
  void moreThanSixteenAddressesIsRejected() {
    List<byte[]> many = Collections.nCopies(17, "a:1".getBytes(StandardCharsets.UTF_8));
    String msg = message("ppn1-" + b64(handMade(1, many)));
    assertTrue(msg.startsWith("invite has a bad address"), msg);
  }

  @Test
  void encodeRefusesWhatCannotBeDecoded() {
    List<String> many = Collections.nCopies(17, "a:1");
    assertThrows(IllegalArgumentException.class, () -> InviteCodec.encode(sample(many)));
    assertThrows(IllegalArgumentException.class, () -> InviteCodec.encode(sample(List.of("no-port"))));
    Invite old = new Invite(ProjectIds.newId(), NodeId.ofDigest(new byte[32]), List.of(), Secret.random(),
        Instant.ofEpochSecond(-1));
    assertThrows(IllegalArgumentException.class, () -> InviteCodec.encode(old));
  }

  @Test
  void expiryIsNotCheckedByDecodeButByTheHelper() throws Exception {
    Invite stale = new Invite(ProjectIds.newId(), NodeId.ofDigest(new byte[32]), List.of("a:1"),
        Secret.random(), Instant.ofEpochSecond(1000));
    Invite decoded = InviteCodec.decode(InviteCodec.encode(stale));
    assertTrue(decoded.expired(Instant.now()));
    assertTrue(decoded.expired(Instant.ofEpochSecond(1000)));
    assertFalse(decoded.expired(Instant.ofEpochSecond(999)));
  }

  // --- helpers that build payloads by hand, following the layout in InviteCodec's javadoc ---

  private static byte[] handMade(int version, List<byte[]> addresses) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(version);
    out.writeBytes(new byte[16 + 32 + 16]);
    out.writeBytes(ByteBuffer.allocate(8).putLong(1_900_000_000L).array());
    out.write(addresses.size());
    for (byte[] a : addresses) {
      out.write(a.length);
      out.writeBytes(a);
    }
    return withChecksum(out.toByteArray());
  }

  private static byte[] withChecksum(byte[] body) {
    try {
      byte[] sum = MessageDigest.getInstance("SHA-256").digest(body);
      byte[] out = Arrays.copyOf(body, body.length + 4);
      System.arraycopy(sum, 0, out, body.length, 4);
      return out;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] withoutChecksum(byte[] payload) {
    return Arrays.copyOf(payload, payload.length - 4);
  }

  private static byte[] payloadOf(String token) {
    return Base64.getUrlDecoder().decode(token.substring(5));
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random().nextBytes(b);
    return b;
  }
}
