package io.ppnode.node.net;

/**
 * A relay's address as users and invites write it, {@code relay://HOST:PORT}. A node's address
 * list may mix plain {@code HOST:PORT} hints and relay URLs; {@link #is} tells them apart.
 */
public record RelayUrl(HostPort address) {
  public static final String SCHEME = "relay://";

  public static boolean is(String text) {
    return text != null && text.strip().startsWith(SCHEME);
  }

  /** IllegalArgumentException with a one-line reason if {@code text} is not {@code relay://HOST:PORT}. */
  public static RelayUrl parse(String text) {
    if (!is(text)) {
      throw new IllegalArgumentException("bad relay URL '" + text + "'; expected relay://HOST:PORT");
    }
    return new RelayUrl(HostPort.parse(text.strip().substring(SCHEME.length())));
  }

  @Override
  public String toString() {
    return SCHEME + address;
  }
}
