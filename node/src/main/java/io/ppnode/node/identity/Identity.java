package io.ppnode.node.identity;

import java.security.KeyPair;
import java.security.cert.X509Certificate;

/**
 * A node's Ed25519 key pair, its self-signed certificate (made with BouncyCastle) and the node id
 * derived from the public key. Persisted in the manifest as PKCS#8 and DER.
 */
public record Identity(KeyPair keyPair, X509Certificate certificate, NodeId id) {
  /** A fresh identity: new Ed25519 key, self-signed certificate valid for 20 years. */
  public static Identity generate() {
    throw new UnsupportedOperationException("TODO");
  }

  /** Restores an identity from {@link #privateKeyEncoded()} and {@link #certificateEncoded()}. */
  public static Identity decode(byte[] privateKeyPkcs8, byte[] certificateDer) {
    throw new UnsupportedOperationException("TODO");
  }

  public byte[] privateKeyEncoded() {
    return keyPair.getPrivate().getEncoded();
  }

  public byte[] certificateEncoded() {
    try {
      return certificate.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
