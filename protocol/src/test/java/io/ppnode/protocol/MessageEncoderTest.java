package io.ppnode.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbound side: chunk bytes are not copied, our own oversize messages fail the write. */
class MessageEncoderTest {

  @Test
  void chunkDataIsHeaderPlusTheSameBuffer() {
    ByteBuf data = Unpooled.directBuffer().writeBytes(Wire.utf8("hello"));
    EmbeddedChannel ch = Wire.channel();
    ch.writeOutbound(new ChunkData(3, data));
    ByteBuf header = ch.readOutbound();
    ByteBuf body = ch.readOutbound();
    try {
      assertEquals("0000000e" + "31" + "0000000000000003", Wire.hex(ByteBufUtil.getBytes(header)));
      assertSame(data, body, "the chunk's own buffer goes out, not a copy");
      assertEquals(1, body.refCnt(), "the encoder handed its reference on");
    } finally {
      header.release();
      body.release();
    }
    assertFalse(ch.finish());
  }

  @Test
  void decodedChunkDataIsASliceOfTheFrame() {
    byte[] wire = Wire.encode(new ChunkData(9, Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
    ChunkData decoded = (ChunkData) Wire.decode(wire);
    try {
      assertNotNull(decoded.content().unwrap(), "a slice over the frame, not a fresh copy");
      assertEquals(9, decoded.requestId());
      assertEquals(3, decoded.content().readableBytes());
    } finally {
      decoded.release();
    }
  }

  @Test
  void roundTripsUnicodePathsAndLargeValues() {
    ChunkHash h = Wire.sha256("x");
    Message.IndexPage page =
        new Message.IndexPage(
            Long.MAX_VALUE,
            "p0",
            Long.MAX_VALUE,
            false,
            List.of(
                new FileEntry("\u6587\u4ef6/caf\u00e9 \ud83d\ude00.txt", FileEntry.Kind.FILE,
                    3L * Limits.CHUNK_SIZE, -1, 0755, h, 9, false,
                    List.of(
                        new FileEntry.ChunkRef(0, Limits.CHUNK_SIZE, h),
                        new FileEntry.ChunkRef(Limits.CHUNK_SIZE, Limits.CHUNK_SIZE, h),
                        new FileEntry.ChunkRef(2L * Limits.CHUNK_SIZE, Limits.CHUNK_SIZE, h)),
                    EntrySignature.of(new byte[EntrySignature.LENGTH])),
                new FileEntry("gone", FileEntry.Kind.FILE, 0, 0, 0, null, 10, true, List.of(),
                    EntrySignature.ofHex("7f".repeat(EntrySignature.LENGTH)))));
    assertEquals(page, Wire.decode(Wire.encode(page)));
    Message.Error error = new Message.Error(0, ErrorCode.PROTOCOL, "\"quoted\"\n\u00e9");
    assertEquals(error, Wire.decode(Wire.encode(error)));
  }

  @Test
  void helloVersionMustFitSixteenBits() {
    EmbeddedChannel ch = Wire.channel();
    assertThrows(EncoderException.class, () -> ch.writeOutbound(new Message.Hello(65536, "x")));
    assertNull(ch.readOutbound());
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void oversizeChunkFailsTheWriteAndIsReleased() {
    ByteBuf big = Unpooled.buffer(Limits.MAX_CHUNK_BYTES + 1).writeZero(Limits.MAX_CHUNK_BYTES + 1);
    EmbeddedChannel ch = Wire.channel();
    assertThrows(EncoderException.class, () -> ch.writeOutbound(new ChunkData(1, big)));
    assertEquals(0, big.refCnt());
    assertNull(ch.readOutbound());
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void codecsAreInstalledUnderTheirNames() {
    EmbeddedChannel ch = Wire.channel();
    assertTrue(ch.pipeline().get("frameDecoder") instanceof FrameDecoder);
    assertTrue(ch.pipeline().get("messageDecoder") instanceof MessageDecoder);
    assertSame(MessageEncoder.INSTANCE, ch.pipeline().get("messageEncoder"));
    assertEquals(
        List.of("frameDecoder", "messageDecoder", "messageEncoder"),
        ch.pipeline().names().subList(0, 3));
    assertFalse(ch.finish());
  }
}
