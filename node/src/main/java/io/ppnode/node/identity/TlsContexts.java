package io.ppnode.node.identity;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;

/**
 * TLS 1.3 contexts for peer connections, from the JDK's own provider. Both sides present their
 * node certificate; trust is not a CA but the peer's node id, which the caller checks after the
 * handshake with {@link #peerId(SSLSession)} against the id it expected (client) or against the
 * project's members (server).
 *
 * <p>An {@link SSLContext} cannot carry default protocol or suite limits, so every socket or
 * engine made from it must also get {@link #parameters(boolean)}; that is what makes client
 * authentication required and keeps to {@link #PROTOCOLS} and {@link #CIPHER_SUITES}.
 */
public final class TlsContexts {
  private TlsContexts() {}

  /** Protocols and suites ppnode allows: TLS 1.3 with AES-GCM only. */
  public static final String[] PROTOCOLS = {"TLSv1.3"};

  public static final String[] CIPHER_SUITES = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"};

  /**
   * An SSLContext presenting {@code identity} and accepting any well-formed self-signed Ed25519
   * peer certificate.
   */
  public static SSLContext create(Identity identity) {
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3", "SunJSSE");
      context.init(
          new KeyManager[] {new NodeKeyManager(identity)},
          new TrustManager[] {new SelfSignedEd25519TrustManager()},
          new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the TLS context", e);
    }
  }

  /**
   * Parameters every ppnode socket or engine must use: {@link #PROTOCOLS}, {@link
   * #CIPHER_SUITES} and, on the server side, a required client certificate (the member's id is
   * its certificate's key, so a client without one cannot be told apart from a stranger).
   */
  public static SSLParameters parameters(boolean server) {
    SSLParameters params = new SSLParameters(CIPHER_SUITES.clone(), PROTOCOLS.clone());
    if (server) {
      params.setNeedClientAuth(true);
    }
    return params;
  }

  /** The node id of the authenticated peer of a finished handshake. */
  public static NodeId peerId(SSLSession session) throws SSLPeerUnverifiedException {
    return NodeId.of(peerKey(session));
  }

  /** The public key of the authenticated peer of a finished handshake: what its id hashes. */
  public static PublicKey peerKey(SSLSession session) throws SSLPeerUnverifiedException {
    Certificate[] chain = session.getPeerCertificates();
    if (chain.length != 1 || !(chain[0] instanceof X509Certificate cert)) {
      // The trust manager already refuses this; checked again so a misconfigured context
      // cannot yield an id for a chain nobody verified.
      throw new SSLPeerUnverifiedException("peer did not present exactly one X.509 certificate");
    }
    return cert.getPublicKey();
  }
}
