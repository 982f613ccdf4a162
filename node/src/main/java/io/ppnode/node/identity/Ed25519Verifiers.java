package io.ppnode.node.identity;

import java.io.IOException;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * BouncyCastle Ed25519 verifiers for a node key, as the member checks the owner's signatures
 * with (index entries, member tickets): BouncyCastle's for speed, see {@link EntrySigner}.
 */
public final class Ed25519Verifiers {
  private Ed25519Verifiers() {}

  /** A verifier for the key encoded as X.509 {@code x509}; empty if it is not an Ed25519 key. */
  public static Optional<Ed25519Signer> of(byte[] x509) {
    return publicKey(x509).map(key -> {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, key);
      return verifier;
    });
  }

  /**
   * The key encoded as X.509 {@code x509}, empty if it is not an Ed25519 key. Unlike a signer
   * it holds no state between calls of its {@code verify}, so threads may share it.
   */
  public static Optional<Ed25519PublicKeyParameters> publicKey(byte[] x509) {
    try {
      return PublicKeyFactory.createKey(x509) instanceof Ed25519PublicKeyParameters key
          ? Optional.of(key) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      // Not a key at all: bytes from the wire.
      return Optional.empty();
    }
  }
}
