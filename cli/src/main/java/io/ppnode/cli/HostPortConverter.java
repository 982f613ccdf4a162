package io.ppnode.cli;

import io.ppnode.node.net.HostPort;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks the shape of a {@code HOST:PORT} argument ({@code [::1]:7070} for IPv6) so a typo is a
 * usage error at once; the value is passed on unchanged and the node resolves it.
 */
final class HostPortConverter implements ITypeConverter<String> {
  @Override
  public String convert(String value) {
    try {
      HostPort.parse(value);
      return value;
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "'" + value + "' is not HOST:PORT (for example 0.0.0.0:7070 or [::1]:7070)");
    }
  }
}
