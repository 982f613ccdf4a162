package io.ppnode.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The addresses and relays a serving node reports in its HELLO: optional, bounded, HOST:PORT
 * and relay://HOST:PORT only.
 */
class HelloAddressesTest {

  @Test
  void addressesSurviveARoundTripAndAreAbsentFromTheJsonWhenEmpty() {
    Message.Hello sent = new Message.Hello(1, "ppnode/0.1", List.of("10.0.0.7:7070", "[fd00::7]:7070"));
    assertEquals(sent, Wire.decode(Wire.encode(sent)));
    String json = new String(Wire.encode(new Message.Hello(1, "ppnode/0.1")), StandardCharsets.UTF_8);
    assertTrue(json.endsWith("{\"agent\":\"ppnode/0.1\"}"), json);
  }

  @Test
  void theDocumentedExampleDecodes() {
    // docs/protocol.md, HELLO, second example.
    byte[] wire = Wire.unhex("0000003f0150504e440001"
        + Wire.hex(Wire.utf8("{\"agent\":\"ppnode/0.1\",\"addresses\":[\"192.168.1.20:7070\"]}")));
    assertEquals(new Message.Hello(1, "ppnode/0.1", List.of("192.168.1.20:7070")), Wire.decode(wire));
    assertEquals(Wire.hex(wire), Wire.hex(Wire.encode(Wire.decode(wire))));
  }

  @Test
  void tooManyOrMalformedAddressesAreRefused() {
    assertBounded("addresses", "127.0.0.%d:7070", Limits.MAX_HELLO_ADDRESSES, "\"no-port\"", "\"a b:1\"", "null");
  }

  @Test
  void relaysSurviveARoundTripAndAreAbsentFromTheJsonWhenEmpty() {
    Message.Hello sent = new Message.Hello(1, "ppnode/0.1", List.of(), List.of("relay://127.0.0.1:7400"));
    assertEquals(sent, Wire.decode(Wire.encode(sent)));
    String json = new String(Wire.encode(new Message.Hello(1, "ppnode/0.1", List.of("127.0.0.7:7070"))),
        StandardCharsets.UTF_8);
    assertTrue(json.endsWith("{\"agent\":\"ppnode/0.1\",\"addresses\":[\"127.0.0.7:7070\"]}"), json);
  }

  @Test
  void theDocumentedRelayExampleDecodes() {
    // docs/protocol.md, HELLO, third example.
    byte[] wire = Wire.unhex("000000650150504e440001"
        + Wire.hex(Wire.utf8("{\"agent\":\"ppnode/0.1\",\"addresses\":[\"192.168.1.20:7070\"],"
            + "\"relays\":[\"relay://203.0.113.5:7400\"]}")));
    assertEquals(new Message.Hello(1, "ppnode/0.1", List.of("192.168.1.20:7070"), List.of("relay://203.0.113.5:7400")),
        Wire.decode(wire));
    assertEquals(Wire.hex(wire), Wire.hex(Wire.encode(Wire.decode(wire))));
  }

  @Test
  void tooManyOrMalformedRelaysAreRefused() {
    assertBounded("relays", "relay://127.0.0.%d:7400", Limits.MAX_HELLO_RELAYS,
        "\"127.0.0.1:7400\"", "\"http://127.0.0.1:7400\"", "null");
  }

  /** One entry more than {@code max} is refused, and so is each of {@code bad} (JSON values) alone. */
  private static void assertBounded(String key, String entryFormat, int max, String... bad) {
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= max; i++) {
      many.add(String.format(entryFormat, i));
    }
    assertRefused("{\"agent\":\"a\",\"" + key + "\":" + json(many) + "}");
    for (String b : bad) {
      assertRefused("{\"agent\":\"a\",\"" + key + "\":[" + b + "]}");
    }
  }

  private static String json(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (String s : items) {
      b.append(b.length() > 1 ? "," : "").append('"').append(s).append('"');
    }
    return b.append(']').toString();
  }

  private static void assertRefused(String body) {
    byte[] json = Wire.utf8(body);
    ByteBuf frame = Unpooled.buffer().writeInt(1 + 6 + json.length).writeByte(MessageType.HELLO.code())
        .writeBytes(Wire.utf8("PPND")).writeShort(1).writeBytes(json);
    EmbeddedChannel ch = Wire.channel();
    Exception e = assertThrows(Exception.class, () -> ch.writeInbound(frame));
    Throwable cause = e instanceof DecoderException ? e.getCause() : e;
    assertTrue(cause instanceof ProtocolViolationException, String.valueOf(cause));
    ch.finishAndReleaseAll();
  }
}
