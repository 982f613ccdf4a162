package io.ppnode.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;

/**
 * Fuzzes the whole inbound codec (frame decoder + message decoder) with arbitrary bytes, written
 * in two parts so that frames split across reads are covered too. A peer's garbage may only
 * raise the codec's own refusals; anything else (NullPointerException, IndexOutOfBounds,
 * Jackson errors leaking, OutOfMemoryError) is a bug, and so is a buffer left unreleased.
 *
 * <p>In a normal test run Jazzer replays the kept inputs in {@code CodecFuzzTestInputs/frames}
 * (the wire examples of docs/protocol.md and hostile variants). {@code JAZZER_FUZZ=1} fuzzes for
 * {@code maxDuration}; a crash it finds is written next to them and becomes a regression input.
 */
class CodecFuzzTest {
  @FuzzTest(maxDuration = "40s")
  void frames(FuzzedDataProvider data) {
    int split = data.consumeInt(0, 64);
    byte[] bytes = data.consumeRemainingAsBytes();
    EmbeddedChannel ch = new EmbeddedChannel();
    ProtocolCodecs.addTo(ch.pipeline());
    TwoWrites.feed(ch, bytes, split, CodecFuzzTest::requireRefusal, ReferenceCountUtil::release);
  }

  /**
   * One frame (type byte and payload, length already stripped) straight into the message
   * decoder, so the fuzzer spends its time on the per-type JSON and binary checks.
   */
  @FuzzTest(maxDuration = "40s")
  void messages(byte[] frame) {
    ByteBuf in = Unpooled.wrappedBuffer(frame);
    try {
      Message m = MessageDecoder.decode(in);
      ReferenceCountUtil.release(m);
    } catch (RuntimeException e) {
      requireRefusal(e);
    } finally {
      in.release();
    }
  }

  /**
   * Passes the codec's refusals (the peer's fault: the node closes the connection) and rethrows
   * anything else. Netty wraps whatever a decoder throws in DecoderException, so a wrapped
   * NullPointerException is still a bug: the cause is judged, not the wrapper.
   */
  static void requireRefusal(RuntimeException e) {
    Throwable t = e;
    while (t instanceof DecoderException && !(t instanceof TooLongFrameException)
        && !(t instanceof CorruptedFrameException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (!(t instanceof ProtocolViolationException || t instanceof TooLongFrameException
        || t instanceof CorruptedFrameException || t instanceof DecoderException)) {
      throw e;
    }
  }
}
