package io.ppnode.node.identity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A node's Ed25519 key pair, its self-signed certificate (made with BouncyCastle) and the node id
 * derived from the public key. Persisted in the manifest as PKCS#8 and DER.
 *
 * <p>The certificate exists only because TLS needs one to carry the key; nobody checks its
 * names, so the subject is a fixed {@code CN=ppnode} and the id, not the certificate, is what
 * peers trust.
 */
public record Identity(KeyPair keyPair, X509Certificate certificate, NodeId id) {
  private static final X500Name SUBJECT = new X500Name("CN=ppnode");

  /** How long a generated certificate stays valid: the lifetime of the node, in practice. */
  static final int VALID_YEARS = 20;

  /** A fresh identity: new Ed25519 key, self-signed certificate valid for 20 years. */
  public static Identity generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      // Back-dated a day so that a peer whose clock runs slow does not reject a brand-new node.
      Instant now = Instant.now();
      Instant notBefore = now.minus(Duration.ofDays(1));
      Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(VALID_YEARS).toInstant();
      // Positive 127-bit serial: unique enough and always a valid DER INTEGER (RFC 5280 4.1.2.2).
      BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
      X509CertificateHolder holder =
          new JcaX509v3CertificateBuilder(
                  SUBJECT, serial, Date.from(notBefore), Date.from(notAfter), SUBJECT,
                  pair.getPublic())
              .build(new JcaContentSignerBuilder("Ed25519").build(pair.getPrivate()));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
      return new Identity(pair, cert, NodeId.of(cert.getPublicKey()));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      // Ed25519 is in every Java 17 runtime; failing here is a broken platform, not bad input.
      throw new IllegalStateException("cannot create an Ed25519 identity", e);
    }
  }

  /**
   * Restores an identity from {@link #privateKeyEncoded()} and {@link #certificateEncoded()}.
   *
   * @throws IllegalArgumentException if either encoding is malformed, the key is not Ed25519 or
   *     the key does not belong to the certificate
   */
  public static Identity decode(byte[] privateKeyPkcs8, byte[] certificateDer) {
    PrivateKey key;
    X509Certificate cert;
    try {
      key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(privateKeyPkcs8));
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(certificateDer));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("stored identity is unreadable: " + e.getMessage(), e);
    }
    if (!belongTogether(key, cert)) {
      // A mismatched pair would present one id and sign as another: every handshake would fail.
      throw new IllegalArgumentException("stored private key does not match the certificate");
    }
    return new Identity(new KeyPair(cert.getPublicKey(), key), cert, NodeId.of(cert.getPublicKey()));
  }

  private static boolean belongTogether(PrivateKey key, X509Certificate cert) {
    try {
      byte[] probe = "ppnode identity check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
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
