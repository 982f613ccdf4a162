package io.ppnode.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The one Jackson mapper for JSON message bodies, configured once. Reading is strict about what a
 * message must contain (every field present, right types, no coercion, no trailing bytes) and
 * lenient only about unknown fields, which a newer peer may add.
 */
final class JsonCodec {
  private JsonCodec() {}

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // Forward compatibility: a v1.x peer may add fields we do not know yet.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // A missing field is a malformed message, not a default value.
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          // "7" is not 7 and 1 is not true: one encoding per value keeps implementations honest.
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // Jackson otherwise turns 7 into "7" and 1 into true whatever the scalar flag says.
          .withCoercionConfig(LogicalType.Textual, JsonCodec::textOnlyFromStrings)
          .withCoercionConfig(LogicalType.Boolean, JsonCodec::booleansOnlyFromBooleans)
          .build();

  private static void textOnlyFromStrings(MutableCoercionConfig c) {
    c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
  }

  private static void booleansOnlyFromBooleans(MutableCoercionConfig c) {
    c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    c.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
  }

  /**
   * Reads one {@code type} from all readable bytes of {@code in}; a peer's bad JSON is a
   * violation.
   */
  static <T> T read(ByteBuf in, Class<T> type) {
    requireUtf8Start(in);
    try (ByteBufInputStream stream = new ByteBufInputStream(in)) {
      T value = MAPPER.readValue((InputStream) stream, type);
      if (value == null) {
        throw new ProtocolViolationException("JSON body is null");
      }
      return value;
    } catch (JacksonException e) {
      throw new ProtocolViolationException(
          "bad " + type.getSimpleName() + " JSON: " + e.getOriginalMessage(), e);
    } catch (CharConversionException e) {
      // Jackson's own encoding detection refusing the bytes: the peer's fault, not ours.
      throw new ProtocolViolationException("bad " + type.getSimpleName() + " JSON: not UTF-8", e);
    } catch (IOException e) {
      // Reading from memory cannot fail with plain I/O; if it does, it is our bug.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * JSON here is UTF-8 only. Jackson guesses UTF-16/32 from zero bytes at the start, which would
   * accept other encodings and fail outside our exception types (found by CodecFuzzTest); UTF-8
   * JSON never contains a zero byte, so one in the first four bytes is refused up front.
   */
  private static void requireUtf8Start(ByteBuf in) {
    int n = Math.min(4, in.readableBytes());
    for (int i = 0; i < n; i++) {
      if (in.getByte(in.readerIndex() + i) == 0) {
        throw new ProtocolViolationException("JSON must be UTF-8 (zero byte at offset " + i + ")");
      }
    }
  }

  /**
   * The JSON body of a HELLO; version and magic travel in binary before it. A class, not a
   * record: {@code addresses} and {@code relays} are optional on the wire (absent when empty),
   * and the mapper refuses records with a missing component.
   */
  static final class HelloBody {
    public String agent;

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    public java.util.List<String> addresses;

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    public java.util.List<String> relays;

    HelloBody() {}

    HelloBody(String agent, java.util.List<String> addresses, java.util.List<String> relays) {
      this.agent = agent;
      this.addresses = addresses;
      this.relays = relays;
    }

    String agent() {
      return agent;
    }

    java.util.List<String> addresses() {
      return addresses;
    }

    java.util.List<String> relays() {
      return relays;
    }
  }

  /** Appends {@code value} as UTF-8 JSON to {@code out}. */
  static void write(Object value, ByteBuf out) {
    try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
      MAPPER.writeValue((OutputStream) stream, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
