package io.ppnode.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hex examples in docs/protocol.md are the golden frames, byte for byte, so the spec cannot
 * drift from the code without a failing build.
 */
class DocsExamplesTest {

  static Stream<Arguments> golden() {
    return GoldenFramesTest.golden();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void specQuotesTheGoldenFrame(String name, Object message, String hex) throws IOException {
    // Surefire runs in the module directory; the spec sits at the repository root.
    String spec = Files.readString(Path.of("..", "docs", "protocol.md"), StandardCharsets.UTF_8);
    String dump = hexDump(Wire.unhex(hex));
    assertTrue(spec.contains(dump), name + " example in docs/protocol.md should read:\n" + dump);
  }

  /** The layout used in the spec: offset, 16 bytes in hex, then the printable ASCII. */
  static String hexDump(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < bytes.length; i += 16) {
      StringBuilder hex = new StringBuilder();
      StringBuilder text = new StringBuilder();
      for (int j = i; j < Math.min(i + 16, bytes.length); j++) {
        int b = bytes[j] & 0xff;
        hex.append(hex.length() == 0 ? "" : " ").append(String.format("%02x", b));
        text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
      }
      out.append(String.format("%04x  %-48s %s%n", i, hex, text));
    }
    return out.toString().replace(System.lineSeparator(), "\n");
  }
}
