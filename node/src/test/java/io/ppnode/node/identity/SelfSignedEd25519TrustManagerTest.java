package io.ppnode.node.identity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SelfSignedEd25519TrustManagerTest {
  private final SelfSignedEd25519TrustManager trust = new SelfSignedEd25519TrustManager();

  private void refused(X509Certificate... chain) {
    assertThrows(CertificateException.class, () -> trust.checkClientTrusted(chain, "UNKNOWN"));
    assertThrows(CertificateException.class, () -> trust.checkServerTrusted(chain, "UNKNOWN"));
  }

  @Test
  void acceptsANodeCertificate() {
    X509Certificate[] chain = {Identity.generate().certificate()};
    assertDoesNotThrow(() -> trust.checkClientTrusted(chain, "UNKNOWN"));
    assertDoesNotThrow(() -> trust.checkServerTrusted(chain, "UNKNOWN"));
  }

  @Test
  void refusesRsaAndEcdsa() throws Exception {
    KeyPair rsa = TestCerts.rsa();
    refused(TestCerts.selfSigned(rsa, "SHA256withRSA"));
    KeyPair ec = TestCerts.ecdsa();
    refused(TestCerts.selfSigned(ec, "SHA256withECDSA"));
  }

  @Test
  void refusesChainsAndEmptyChains() {
    refused(Identity.generate().certificate(), Identity.generate().certificate());
    refused();
    assertThrows(CertificateException.class, () -> trust.checkClientTrusted(null, "UNKNOWN"));
  }

  @Test
  void refusesExpiredAndNotYetValid() throws Exception {
    KeyPair pair = TestCerts.ed25519();
    Instant now = Instant.now();
    refused(TestCerts.cert(pair.getPublic(), pair.getPrivate(), "Ed25519",
        now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1))));
    refused(TestCerts.cert(pair.getPublic(), pair.getPrivate(), "Ed25519",
        now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10))));
  }

  @Test
  void refusesEd25519KeySignedBySomeoneElse() throws Exception {
    KeyPair subject = TestCerts.ed25519();
    KeyPair other = TestCerts.ed25519();
    Instant now = Instant.now();
    refused(TestCerts.cert(subject.getPublic(), other.getPrivate(), "Ed25519",
        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))));
  }
}
