package io.ppnode.protocol.relay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.ppnode.protocol.TwoWrites;

/**
 * Fuzzes the relay's control decoder ({@link RelayFrameDecoder} + {@link RelayFrameCodec}), the
 * bytes a relay reads from anyone on the internet before it knows who they are. Input is written
 * in two parts so frames split across reads are covered. Only the codec's refusals may escape,
 * every buffer must be released, and every frame that decodes must encode again within the cap
 * (so nothing the relay accepts is something it could not have sent).
 *
 * <p>A normal build replays {@code RelayControlFuzzTestInputs/frames} (the golden frames of
 * docs/protocol.md section 8 and hostile variants; the last byte of each is the split point).
 * {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}; {@code .ci/fuzz} runs it.
 */
class RelayControlFuzzTest {
  @FuzzTest(maxDuration = "40s")
  void frames(FuzzedDataProvider data) {
    int split = data.consumeInt(0, 64);
    byte[] bytes = data.consumeRemainingAsBytes();
    EmbeddedChannel ch = new EmbeddedChannel(new RelayFrameDecoder(), RelayFrameCodec.INSTANCE);
    TwoWrites.feed(ch, bytes, split, RelayControlFuzzTest::requireRefusal, decoded -> {
      ByteBuf again = Unpooled.buffer();
      RelayFrameCodec.encode((RelayFrame) decoded, again);
      assertTrue(again.readableBytes() <= RelayWire.MAX_FRAME_BYTES + RelayFrameDecoder.LENGTH_FIELD_BYTES);
      again.release();
    });
  }

  /**
   * Passes the decoder's refusals (the peer's fault: the relay closes the connection) and
   * rethrows anything else. Netty wraps what a decoder throws in DecoderException, so the cause
   * is judged: a wrapped IndexOutOfBoundsException is still a bug.
   */
  private static void requireRefusal(RuntimeException e) {
    Throwable t = e;
    while (t instanceof DecoderException && !(t instanceof CorruptedFrameException)
        && !(t instanceof TooLongFrameException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (!(t instanceof CorruptedFrameException || t instanceof TooLongFrameException)) {
      throw e;
    }
  }
}
