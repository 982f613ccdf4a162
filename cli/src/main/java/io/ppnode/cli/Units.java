package io.ppnode.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How sizes, durations, rates and times read on a terminal: {@code 1.2 GiB}, {@code 3.4 s}. */
final class Units {
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private Units() {}

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < BINARY.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, BINARY[unit]);
  }

  static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }

  /** Bytes per second; "-" when no time has passed to measure it. */
  static String rate(long bytes, double seconds) {
    if (seconds <= 0) {
      return "-";
    }
    return bytes((long) (bytes / seconds)) + "/s";
  }

  /** Epoch milliseconds as local time to the minute. */
  static String time(long epochMillis) {
    return LOCAL_TIME.format(Instant.ofEpochMilli(epochMillis));
  }
}
