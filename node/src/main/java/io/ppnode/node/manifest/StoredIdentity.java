package io.ppnode.node.manifest;

/** The node identity row: encoded key and certificate, its id, and the default listen address. */
public record StoredIdentity(byte[] privateKeyPkcs8, byte[] certificateDer, String nodeId, String listen) {}
