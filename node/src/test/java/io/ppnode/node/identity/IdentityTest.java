package io.ppnode.node.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdentityTest {
  @Test
  void encodeDecodeRoundTripKeepsTheId() {
    Identity original = Identity.generate();
    Identity restored = Identity.decode(original.privateKeyEncoded(), original.certificateEncoded());
    assertEquals(original.id(), restored.id());
    assertArrayEquals(original.certificateEncoded(), restored.certificateEncoded());
    assertArrayEquals(original.privateKeyEncoded(), restored.privateKeyEncoded());
    assertEquals(NodeId.of(original.keyPair().getPublic()), original.id());
  }

  @Test
  void freshIdentitiesDiffer() {
    assertNotEquals(Identity.generate().id(), Identity.generate().id());
  }

  @Test
  void certificateIsSelfSignedEd25519ValidForTwentyYears() throws Exception {
    Identity identity = Identity.generate();
    X509Certificate cert = identity.certificate();
    assertEquals("CN=ppnode", cert.getSubjectX500Principal().getName());
    assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
    assertEquals(3, cert.getVersion());
    assertEquals("Ed25519", cert.getSigAlgName());
    assertTrue(cert.getSerialNumber().signum() > 0);
    cert.verify(cert.getPublicKey());
    cert.checkValidity();
    Instant now = Instant.now();
    Instant notBefore = cert.getNotBefore().toInstant();
    assertTrue(notBefore.isBefore(now.minus(Duration.ofHours(23))), "back-dated about a day");
    assertTrue(cert.getNotAfter().toInstant().isAfter(now.plus(Duration.ofDays(365L * 20 - 2))));
    SelfSignedEd25519TrustManager.check(new X509Certificate[] {cert});
  }

  @Test
  void keyOfAnotherIdentityIsRefused() {
    Identity a = Identity.generate();
    Identity b = Identity.generate();
    assertThrows(
        IllegalArgumentException.class, () -> Identity.decode(a.privateKeyEncoded(), b.certificateEncoded()));
  }

  @Test
  void garbageIsRefused() {
    Identity a = Identity.generate();
    assertThrows(IllegalArgumentException.class, () -> Identity.decode(new byte[] {1, 2, 3}, a.certificateEncoded()));
    assertThrows(IllegalArgumentException.class, () -> Identity.decode(a.privateKeyEncoded(), new byte[] {1, 2, 3}));
  }
}
