package io.ppnode.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks the shape of a {@code HOST:PORT} argument ({@code [::1]:7070} for IPv6) so a typo is a
 * usage error at once; the value is passed on unchanged and the node resolves it.
 */
final class HostPortConverter implements ITypeConverter<String> {
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.%\\w]+\\]|[^\\s:\\[\\]]+):(\\d{1,5})");

  @Override
  public String convert(String value) {
    Matcher matcher = HOST_PORT.matcher(value);
    if (!matcher.matches() || Integer.parseInt(matcher.group(2)) > 65535) {
      throw new TypeConversionException(
          "'" + value + "' is not HOST:PORT (for example 0.0.0.0:7070 or [::1]:7070)");
    }
    return value;
  }
}
