package io.ppnode.node.identity;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the node's one key and certificate in every handshake. It replaces a PKCS12 key
 * store built in memory, whose password-based key protection (PBKDF2, run on every store and
 * load) cost a few hundred milliseconds of start-up for a store that never touches disk.
 *
 * <p>The JSSE asks for a key by algorithm name; this answers only when the node's key is of that
 * algorithm ("EdDSA" for the JDK's Ed25519 keys), so the handshake never signs with a key of
 * the wrong type and a peer that offers no Ed25519 scheme fails as it would with the store.
 */
final class NodeKeyManager extends X509ExtendedKeyManager {
  static final String ALIAS = "node";
  private final PrivateKey key;
  private final X509Certificate[] chain;

  NodeKeyManager(Identity identity) {
    this.key = identity.keyPair().getPrivate();
    this.chain = new X509Certificate[] {identity.certificate()};
  }

  private String aliasFor(String keyType) {
    return key.getAlgorithm().equalsIgnoreCase(keyType) ? ALIAS : null;
  }

  private String aliasForAny(String[] keyTypes) {
    if (keyTypes != null) {
      for (String type : keyTypes) {
        if (aliasFor(type) != null) {
          return ALIAS;
        }
      }
    }
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return aliasFor(keyType) == null ? null : new String[] {ALIAS};
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return aliasForAny(keyTypes);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return aliasForAny(keyTypes);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return getClientAliases(keyType, issuers);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }
}
