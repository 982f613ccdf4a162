package io.ppnode.node.invite;

/**
 * Checks the {@code HOST:PORT} strings an invite may carry: a DNS name or IPv4 address, or an
 * IPv6 literal in brackets, then a port 1-65535. Only the shape is checked, nothing is resolved,
 * so decoding an invite never touches the network.
 */
final class HostPort {
  /** Longest host name DNS allows (RFC 1035), which also fits the one-byte length field. */
  static final int MAX_LENGTH = 255;

  private HostPort() {}

  /** Whether {@code address} is a well-formed {@code HOST:PORT}. */
  static boolean isValid(String address) {
    if (address == null || address.isEmpty() || address.length() > MAX_LENGTH) {
      return false;
    }
    int colon = address.lastIndexOf(':');
    if (colon <= 0) {
      return false;
    }
    String host = address.substring(0, colon);
    return validPort(address.substring(colon + 1))
        && (host.startsWith("[") ? validIpv6Literal(host) : validName(host));
  }

  private static boolean validPort(String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    int value = Integer.parseInt(port);
    return value >= 1 && value <= 65535;
  }

  private static boolean validName(String host) {
    // Letters, digits, dots and hyphens cover DNS names and dotted IPv4; an unbracketed ':'
    // would make the port ambiguous.
    return host.chars()
            .allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-')
        && !host.startsWith(".") && !host.startsWith("-");
  }

  private static boolean validIpv6Literal(String host) {
    if (host.length() < 4 || !host.endsWith("]")) {
      return false;
    }
    String inner = host.substring(1, host.length() - 1);
    // Hex groups, colons and a possible embedded IPv4 tail; zone ids (%eth0) mean nothing to
    // another machine, so they are refused.
    return inner.contains(":")
        && inner.chars()
            .allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                || c == ':' || c == '.');
  }
}
