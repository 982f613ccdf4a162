package io.ppnode.protocol.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden relay frames both ways, split at every byte, and the caps: the hex here is the hex in
 * docs/protocol.md section 8, so the spec and the code cannot drift apart.
 */
class RelayFramesTest {
  private static final byte[] NODE = sha256("ppnode");
  private static final byte[] TOKEN = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

  static Stream<Arguments> golden() {
    byte[] nonce = new byte[32];
    for (int i = 0; i < 32; i++) {
      nonce[i] = (byte) i;
    }
    String node = HexFormat.of().formatHex(NODE);
    return Stream.of(
        Arguments.of("REGISTER", new RelayFrame.Register(1, NODE), "0026015050524c01" + node),
        Arguments.of("CHALLENGE", new RelayFrame.Challenge(nonce), "002102" + HexFormat.of().formatHex(nonce)),
        Arguments.of("REGISTERED", new RelayFrame.Registered(), "000104"),
        Arguments.of("INVITE", new RelayFrame.Invite(TOKEN), "001105a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"),
        Arguments.of("CONNECT", new RelayFrame.Connect(1, NODE), "0026065050524c01" + node),
        Arguments.of("JOIN", new RelayFrame.Join(1, TOKEN), "0016075050524c01a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"),
        Arguments.of("OK", new RelayFrame.Ok(), "000108"),
        Arguments.of("PING", new RelayFrame.Ping(), "000109"),
        Arguments.of("PONG", new RelayFrame.Pong(), "00010a"),
        Arguments.of("REFUSED", new RelayFrame.Refused(RefusalReason.UNKNOWN_TARGET, "no such node"),
            "000e7f036e6f2073756368206e6f6465"),
        Arguments.of("PROOF", new RelayFrame.Proof(new byte[44], new byte[64]),
            "006f03" + "002c" + "00".repeat(44 + 64)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void encodesAndDecodesTheGoldenFrameSplitAnywhere(String name, RelayFrame frame, String hex) {
    byte[] wire = HexFormat.of().parseHex(hex);
    ByteBuf out = Unpooled.buffer();
    RelayFrameCodec.encode(frame, out);
    byte[] encoded = new byte[out.readableBytes()];
    out.readBytes(encoded);
    out.release();
    assertArrayEquals(wire, encoded, name);
    for (int split = 0; split <= wire.length; split++) {
      EmbeddedChannel ch = new EmbeddedChannel(new RelayFrameDecoder(), RelayFrameCodec.INSTANCE);
      ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, split));
      ch.writeInbound(Unpooled.wrappedBuffer(wire, split, wire.length - split));
      RelayFrame back = ch.readInbound();
      ByteBuf again = Unpooled.buffer();
      RelayFrameCodec.encode(back, again);
      assertTrue(again.equals(Unpooled.wrappedBuffer(wire)), name + " split at " + split);
      again.release();
      assertFalse(ch.finish());
    }
  }

  @Test
  void theSpecQuotesTheGoldenFrames() throws IOException {
    String spec = Files.readString(Path.of("..", "docs", "protocol.md"), StandardCharsets.UTF_8);
    for (String dump : new String[] {
        "0000  00 26 01 50 50 52 4c 01 d4 36 cf ba ff 6b fb cc  .&.PPRL..6...k..",
        "0000  00 26 06 50 50 52 4c 01 d4 36 cf ba ff 6b fb cc  .&.PPRL..6...k..",
        "0000  00 16 07 50 50 52 4c 01 a0 a1 a2 a3 a4 a5 a6 a7  ...PPRL.........",
        "0000  00 11 05 a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac  ................",
        "0000  00 0e 7f 03 6e 6f 20 73 75 63 68 20 6e 6f 64 65  ....no such node",
        "0020  52 22 b4 fa 27 27 9c ec                          R\"..''..",
        "`00 01 04`, `00 01 08`, `00 01 09`"}) {
      assertTrue(spec.contains(dump), "docs/protocol.md should contain: " + dump);
    }
  }

  @Test
  void anOversizeOrEmptyFrameClosesTheChannel() {
    for (String hex : new String[] {"0401", "0000", "000201ff", "00020b00", "0026015050524d01" + "00".repeat(32)}) {
      EmbeddedChannel ch = new EmbeddedChannel(new RelayFrameDecoder(), RelayFrameCodec.INSTANCE);
      try {
        ch.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)));
        ch.checkException();
        throw new AssertionError(hex + " should have been refused");
      } catch (DecoderException e) {
        // Expected: too long, empty, wrong size, unknown type or bad magic.
      }
      assertNull(ch.readInbound());
      ch.finishAndReleaseAll();
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
