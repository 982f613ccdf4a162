package io.ppnode.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Test helpers: encode and decode through real pipelines, build frames by hand, compare. */
final class Wire {
  private Wire() {}

  /** A channel with the full codec, as the node installs it. */
  static EmbeddedChannel channel() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ProtocolCodecs.addTo(ch.pipeline());
    return ch;
  }

  /** Encodes {@code m} through the codec and returns the bytes on the wire; consumes {@code m}. */
  static byte[] encode(Message m) {
    EmbeddedChannel ch = channel();
    ch.writeOutbound(m);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
      out.writeBytes(ByteBufUtil.getBytes(b));
      b.release();
    }
    assertFalse(ch.finish());
    return out.toByteArray();
  }

  /** Decodes exactly one message from {@code bytes}; the caller releases a ChunkData. */
  static Message decode(byte[] bytes) {
    EmbeddedChannel ch = channel();
    ch.writeInbound(Unpooled.wrappedBuffer(bytes));
    Message m = ch.readInbound();
    assertFalse(ch.finish(), "exactly one message expected");
    return m;
  }

  /** A frame with a correct length field around {@code type} and {@code payload}. */
  static byte[] frame(int type, byte[] payload) {
    ByteBuf b = Unpooled.buffer();
    try {
      b.writeInt(1 + payload.length).writeByte(type).writeBytes(payload);
      return ByteBufUtil.getBytes(b);
    } finally {
      b.release();
    }
  }

  static byte[] jsonFrame(MessageType type, String json) {
    return frame(type.code(), utf8(json));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static byte[] unhex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  static ChunkHash sha256(String text) {
    try {
      return ChunkHash.of(MessageDigest.getInstance("SHA-256").digest(utf8(text)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Messages compare as records, except ChunkData whose equals ignores the request id. */
  static void assertSameMessage(Message expected, Message actual) {
    if (expected instanceof ChunkData e && actual instanceof ChunkData a) {
      assertEquals(e.requestId(), a.requestId());
      assertEquals(hex(ByteBufUtil.getBytes(e.content())), hex(ByteBufUtil.getBytes(a.content())));
    } else {
      assertEquals(expected, actual);
    }
  }
}
