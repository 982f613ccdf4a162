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

/** The addresses a serving node reports in its HELLO: optional, bounded, and HOST:PORT only. */
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
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= Limits.MAX_HELLO_ADDRESSES; i++) {
      many.add("10.0.0." + i + ":7070");
    }
    assertRefused("{\"agent\":\"a\",\"addresses\":" + json(many) + "}");
    assertRefused("{\"agent\":\"a\",\"addresses\":[\"no-port\"]}");
    assertRefused("{\"agent\":\"a\",\"addresses\":[\"a b:1\"]}");
    assertRefused("{\"agent\":\"a\",\"addresses\":[null]}");
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
