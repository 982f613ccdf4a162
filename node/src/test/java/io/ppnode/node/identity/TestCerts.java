package io.ppnode.node.identity;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates a well-behaved node would never present, made with BouncyCastle for tests. */
final class TestCerts {
  static final X500Name NAME = new X500Name("CN=ppnode");

  private TestCerts() {}

  static KeyPair rsa() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    return gen.generateKeyPair();
  }

  static KeyPair ecdsa() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    return gen.generateKeyPair();
  }

  static KeyPair ed25519() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  /** A certificate for {@code subject} signed by {@code signer} with {@code algorithm}. */
  static X509Certificate cert(
      PublicKey subject, PrivateKey signer, String algorithm, Instant notBefore, Instant notAfter)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    NAME, BigInteger.valueOf(System.nanoTime()), Date.from(notBefore),
                    Date.from(notAfter), NAME, subject)
                .build(new JcaContentSignerBuilder(algorithm).build(signer)));
  }

  /** A self-signed certificate valid around now. */
  static X509Certificate selfSigned(KeyPair pair, String algorithm) throws Exception {
    Instant now = Instant.now();
    return cert(pair.getPublic(), pair.getPrivate(), algorithm, now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(1)));
  }
}
