package io.ppnode.relay;

/**
 * The relay: peers with no direct route meet here and the relay splices their TLS streams,
 * seeing only ciphertext. Not built yet (its own issue); the type exists so the module and the
 * command have a home.
 */
public final class RelayServer {
  private RelayServer() {}
}
