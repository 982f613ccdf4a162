package io.ppnode.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

/** Framing limits: judged on the length field alone, before any body is buffered. */
class FrameDecoderTest {

  @Test
  void oversizeLengthFieldFailsBeforeTheBodyArrives() {
    EmbeddedChannel ch = Wire.channel();
    // Only the 4-byte length field and a type byte: the body never comes.
    ByteBuf header = Unpooled.buffer().writeInt(Limits.MAX_FRAME_BYTES + 1).writeByte(0x31);
    assertThrows(TooLongFrameException.class, () -> ch.writeInbound(header));
    assertNull(ch.readInbound());
    ch.finishAndReleaseAll();
  }

  @Test
  void lengthWithTopBitSetIsTooLongNotNegative() {
    EmbeddedChannel ch = Wire.channel();
    ByteBuf header = Unpooled.wrappedBuffer(Wire.unhex("ffffffff"));
    assertThrows(TooLongFrameException.class, () -> ch.writeInbound(header));
    assertNull(ch.readInbound());
    ch.finishAndReleaseAll();
  }

  @Test
  void zeroLengthIsCorrupt() {
    EmbeddedChannel ch = Wire.channel();
    ByteBuf header = Unpooled.wrappedBuffer(Wire.unhex("00000000"));
    assertThrows(CorruptedFrameException.class, () -> ch.writeInbound(header));
    assertNull(ch.readInbound());
    ch.finishAndReleaseAll();
  }

  @Test
  void largestLegalLengthWaitsForItsBody() {
    EmbeddedChannel ch = Wire.channel();
    ch.writeInbound(Unpooled.buffer().writeInt(Limits.MAX_FRAME_BYTES).writeByte(0x31));
    assertNull(ch.readInbound(), "a legal length is buffered, not rejected");
    ch.finishAndReleaseAll();
  }

  @Test
  void largestChunkPassesThrough() {
    byte[] body = new byte[Limits.MAX_CHUNK_BYTES];
    body[body.length - 1] = 42;
    byte[] wire = Wire.encode(new ChunkData(1, Unpooled.wrappedBuffer(body)));
    assertEquals(4 + Limits.MAX_FRAME_BYTES, wire.length);
    ChunkData decoded = (ChunkData) Wire.decode(wire);
    try {
      assertEquals(Limits.MAX_CHUNK_BYTES, decoded.content().readableBytes());
      assertEquals(42, decoded.content().getByte(Limits.MAX_CHUNK_BYTES - 1));
    } finally {
      decoded.release();
    }
  }

  @Test
  void twoFramesInOneBufferGiveTwoMessages() {
    byte[] a = Wire.encode(new Message.IndexRequest(1, "demo", 0));
    byte[] b = Wire.encode(new Message.IndexRequest(2, "demo", 5));
    EmbeddedChannel ch = Wire.channel();
    ch.writeInbound(Unpooled.wrappedBuffer(a, b));
    assertEquals(new Message.IndexRequest(1, "demo", 0), ch.readInbound());
    assertEquals(new Message.IndexRequest(2, "demo", 5), ch.readInbound());
    assertFalse(ch.finish());
  }
}
