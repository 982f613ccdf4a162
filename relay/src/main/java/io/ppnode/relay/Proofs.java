package io.ppnode.relay;

import io.ppnode.protocol.relay.RelayWire;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Checks a node's registration proof with the JDK's Ed25519: the key hashes to the claimed node
 * id (SHA-256 of the SubjectPublicKeyInfo, as in docs/protocol.md section 1), it is an Ed25519
 * key in its one canonical encoding, and it signed the context string and this connection's
 * challenge.
 */
final class Proofs {
  private Proofs() {}

  /** Null if the proof holds, else a one-line reason. */
  static String check(byte[] claimedId, byte[] spki, byte[] signature, byte[] challenge) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(spki);
      if (!MessageDigest.isEqual(digest, claimedId)) {
        return "the key does not hash to the node id";
      }
      PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      // Another encoding of the same key would hash to another id; only the canonical one counts.
      if (!Arrays.equals(key.getEncoded(), spki)) {
        return "the key is not in canonical encoding";
      }
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(RelayWire.registerMessage(challenge));
      return verifier.verify(signature) ? null : "the signature does not verify";
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "not an Ed25519 key or signature";
    }
  }
}
