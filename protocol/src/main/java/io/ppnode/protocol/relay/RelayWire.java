package io.ppnode.protocol.relay;

import java.nio.charset.StandardCharsets;

/**
 * Constants of the relay control protocol, version 1: the magic that opens every relay
 * connection, the frame cap and the fixed sizes of challenges, tokens and ids. Both the relay
 * server and the nodes that talk to it read them from here so the two cannot drift apart.
 */
public final class RelayWire {
  private RelayWire() {}

  /** "PPRL": the first four payload bytes of REGISTER, CONNECT and JOIN. */
  public static final int MAGIC = 0x5050524C;

  public static final int VERSION = 1;

  /**
   * Largest frame body (type byte plus payload). Control frames are tiny; a cap this low means a
   * stranger can make the relay buffer at most 1 KiB per connection before it is judged.
   */
  public static final int MAX_FRAME_BYTES = 1024;

  public static final int NODE_ID_BYTES = 32;
  public static final int CHALLENGE_BYTES = 32;
  public static final int TOKEN_BYTES = 16;
  public static final int SIGNATURE_BYTES = 64;
  /** An Ed25519 SubjectPublicKeyInfo is 44 bytes; the slack admits nothing else of use. */
  public static final int MAX_KEY_BYTES = 128;
  public static final int MAX_REASON_TEXT_BYTES = 200;

  /** Prefix of the signed registration message, so the signature is useless in any other context. */
  public static final byte[] REGISTER_CONTEXT = "ppnode-relay-register-v1".getBytes(StandardCharsets.US_ASCII);

  /** The bytes a node signs to register: {@link #REGISTER_CONTEXT} followed by the challenge. */
  public static byte[] registerMessage(byte[] challenge) {
    byte[] out = new byte[REGISTER_CONTEXT.length + challenge.length];
    System.arraycopy(REGISTER_CONTEXT, 0, out, 0, REGISTER_CONTEXT.length);
    System.arraycopy(challenge, 0, out, REGISTER_CONTEXT.length, challenge.length);
    return out;
  }
}
