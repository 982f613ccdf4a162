package io.ppnode.node.net;

import java.net.InetSocketAddress;

/**
 * A {@code HOST:PORT} address as users type it ({@code 127.0.0.1:7400}, {@code [::1]:7400},
 * {@code host.lan:7400}). Parsing only; resolution happens when connecting.
 */
public record HostPort(String host, int port) {
  public static HostPort parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty address; expected HOST:PORT");
    }
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      throw new IllegalArgumentException("bad address '" + text + "'; expected HOST:PORT");
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("bad address '" + text + "'; write IPv6 as [ADDR]:PORT");
    }
    if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '[' || c == ']' || c == '/' || c == 127)) {
      throw new IllegalArgumentException("bad host in '" + text + "'");
    }
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in '" + text + "'");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range in '" + text + "'");
    }
    return new HostPort(host, port);
  }

  public static HostPort of(InetSocketAddress a) {
    return new HostPort(a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString(), a.getPort());
  }

  /** True for any spelling of the any-address ({@code 0.0.0.0}, {@code ::}, {@code 0:0:0:0:0:0:0:0}, {@code *}). */
  public boolean wildcard() {
    if (host.equals("*")) {
      return true;
    }
    // Only IP literals: getByName must never turn a host name into a DNS query here.
    boolean literal = host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    if (!literal) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(host).isAnyLocalAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }

  /** Longest host name DNS allows (RFC 1035), which also fits the one-byte length field. */
  public static final int MAX_HINT_LENGTH = 255;

  /**
   * Whether {@code address} is a well-formed address hint for an invite: a DNS name or IPv4
   * address, or an IPv6 literal in brackets, then a port 1-65535. Stricter than {@link #parse}
   * (no zone ids, no port 0) and resolves nothing, so decoding an invite never touches the network.
   */
  public static boolean isValidHint(String address) {
    if (address == null || address.isEmpty() || address.length() > MAX_HINT_LENGTH) {
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
