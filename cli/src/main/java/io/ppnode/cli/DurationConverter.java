package io.ppnode.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people type them: {@code 30m}, {@code 12h}, {@code 7d}, {@code 2w},
 * or combined like {@code 1d12h}. Anything else, or zero, is a usage error.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}[smhdw])+");
  private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhdw])");

  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(java.util.Locale.ROOT);
    if (!WHOLE.matcher(text).matches()) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration; use a number and a unit: 30m, 12h, 7d, 2w");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total = total.plus(unit(part.group(2).charAt(0)).multipliedBy(amount));
    }
    if (total.isZero()) {
      throw new TypeConversionException("'" + value + "' is not a positive duration");
    }
    return total;
  }

  private static Duration unit(char unit) {
    switch (unit) {
      case 's':
        return Duration.ofSeconds(1);
      case 'm':
        return Duration.ofMinutes(1);
      case 'h':
        return Duration.ofHours(1);
      case 'd':
        return Duration.ofDays(1);
      case 'w':
        return Duration.ofDays(7);
      default:
        throw new IllegalArgumentException("unit " + unit);
    }
  }
}
