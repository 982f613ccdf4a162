package io.ppnode.node.identity;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * TLS 1.3 contexts for peer connections, from the JDK's own provider. Both sides present their
 * node certificate; trust is not a CA but the peer's node id, which the caller checks after the
 * handshake with {@link #peerId(SSLSession)} against the id it expected (client) or against the
 * project's members (server).
 */
public final class TlsContexts {
  private TlsContexts() {}

  /** An SSLContext presenting {@code identity} and accepting any well-formed self-signed Ed25519 peer certificate. */
  public static SSLContext create(Identity identity) {
    throw new UnsupportedOperationException("TODO");
  }

  /** The node id of the authenticated peer of a finished handshake. */
  public static NodeId peerId(SSLSession session) throws javax.net.ssl.SSLPeerUnverifiedException {
    throw new UnsupportedOperationException("TODO");
  }

  /** Protocols and suites ppnode allows: TLS 1.3 with AES-GCM only. */
  public static final String[] PROTOCOLS = {"TLSv1.3"};

  public static final String[] CIPHER_SUITES = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"};
}
