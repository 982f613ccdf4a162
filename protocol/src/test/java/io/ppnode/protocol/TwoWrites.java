package io.ppnode.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fuzz input fed to a decoding pipeline in two writes, cut at a chosen byte, so that frames split
 * across reads are covered. Shared by the fuzz targets of the peer codec and the relay codec.
 */
public final class TwoWrites {
  /**
   * Held so the setting sticks: EmbeddedChannel logs every extra exception with a stack trace,
   * which slowed fuzzing tenfold.
   */
  private static final Logger NETTY_LOG = quietNetty();

  private TwoWrites() {}

  private static Logger quietNetty() {
    Logger l = Logger.getLogger("io.netty");
    l.setLevel(Level.OFF);
    return l;
  }

  /**
   * Writes {@code bytes} into {@code ch} cut at {@code split}, then finishes the channel. Every
   * exception goes to {@code requireRefusal}, which rethrows what is not a refusal. What the
   * pipeline decoded goes to {@code decoded}, which must release it; then every buffer the
   * pipeline was given must have been released (a decoded chunk holds a slice of one, hence the
   * order).
   */
  public static void feed(EmbeddedChannel ch, byte[] bytes, int split, Consumer<RuntimeException> requireRefusal,
      Consumer<Object> decoded) {
    int cut = Math.min(split, bytes.length);
    List<ByteBuf> written = List.of(
        Unpooled.copiedBuffer(bytes, 0, cut), Unpooled.copiedBuffer(bytes, cut, bytes.length - cut));
    List<Object> out = new ArrayList<>();
    try {
      // Both parts are written even after a refusal: the decoder must still release them.
      for (ByteBuf b : written) {
        try {
          ch.writeInbound(b);
        } catch (RuntimeException e) {
          requireRefusal.accept(e);
        }
      }
    } finally {
      for (Object m; (m = ch.readInbound()) != null; ) {
        out.add(m);
      }
      try {
        ch.finishAndReleaseAll();
      } catch (RuntimeException e) {
        // Decoding what was left at close may refuse it again; that is the same fault.
        requireRefusal.accept(e);
      }
    }
    out.forEach(decoded);
    for (ByteBuf b : written) {
      // An empty part is Netty's shared EMPTY_BUFFER, which is never released.
      if (b.capacity() > 0) {
        assertEquals(0, b.refCnt(), "the decoder must release every buffer it was given");
      }
    }
  }
}
