package io.ppnode.node.identity;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.EdECPublicKey;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust for ppnode peers, used for both client and server checks: the peer must present exactly
 * one certificate, signed by its own Ed25519 key and valid now. It deliberately does not decide
 * who the peer is; that is the node id check the caller makes after the handshake.
 *
 * <p>Extending {@link X509ExtendedTrustManager} (rather than implementing the plain interface)
 * keeps SunJSSE from wrapping it with host name checks that mean nothing for node certificates.
 */
final class SelfSignedEd25519TrustManager extends X509ExtendedTrustManager {
  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    // No CA names to advertise: every node is its own issuer.
    return NO_ISSUERS;
  }

  /** Accepts exactly one currently valid certificate self-signed with Ed25519. */
  static void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length != 1) {
      throw new CertificateException(
          "expected exactly one self-signed node certificate, got "
              + (chain == null ? 0 : chain.length));
    }
    X509Certificate cert = chain[0];
    PublicKey key = cert.getPublicKey();
    if (!(key instanceof EdECPublicKey ed) || !"Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
      throw new CertificateException("peer key is " + key.getAlgorithm() + ", not Ed25519");
    }
    if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      throw new CertificateException("peer certificate is not self-issued");
    }
    // Throws CertificateExpiredException / CertificateNotYetValidException, both CertificateExceptions.
    cert.checkValidity();
    try {
      // Binds the certificate (and so its validity dates) to the key the node id is made from.
      cert.verify(key);
    } catch (GeneralSecurityException e) {
      throw new CertificateException("peer certificate is not signed by its own key", e);
    }
  }
}
