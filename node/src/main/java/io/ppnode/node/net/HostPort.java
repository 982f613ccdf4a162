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

  public InetSocketAddress toUnresolved() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  public boolean wildcard() {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("*");
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
