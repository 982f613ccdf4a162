package io.ppnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
  private final DurationConverter durations = new DurationConverter();
  private final HostPortConverter hostPorts = new HostPortConverter();

  @Test
  void readsDurations() {
    assertEquals(Duration.ofSeconds(90), durations.convert("90s"));
    assertEquals(Duration.ofMinutes(30), durations.convert("30m"));
    assertEquals(Duration.ofHours(12), durations.convert("12h"));
    assertEquals(Duration.ofDays(7), durations.convert("7d"));
    assertEquals(Duration.ofDays(14), durations.convert("2w"));
    assertEquals(Duration.ofHours(36), durations.convert("1d12h"));
    assertEquals(Duration.ofDays(7), durations.convert("7D"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "7", "d", "0d", "0h0m", "-1d", "7x", "1.5h", "PT1H", "9999999999d"})
  void rejectsWhatIsNotADuration(String text) {
    assertThrows(TypeConversionException.class, () -> durations.convert(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:7070", "0.0.0.0:0", "example.org:65535", "[::1]:7070", "[fe80::1%eth0]:1"})
  void acceptsHostPort(String text) {
    assertEquals(text, hostPorts.convert(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "7070", "127.0.0.1", ":7070", "host:", "host:65536", "::1:7070", "a b:1"})
  void rejectsWhatIsNotHostPort(String text) {
    assertThrows(TypeConversionException.class, () -> hostPorts.convert(text));
  }
}
