package io.ppnode.protocol.relay;

/**
 * One frame of the relay control protocol: data only, encoded and decoded by {@link
 * RelayFrameCodec}. Byte arrays are copied in, never shared; tests compare frames by their
 * encoding.
 */
public sealed interface RelayFrame {
  RelayFrameType type();

  /** Node to relay, first frame of a control connection: "I am this node". */
  record Register(int version, byte[] nodeId) implements RelayFrame {
    public Register {
      nodeId = nodeId.clone();
    }

    public RelayFrameType type() {
      return RelayFrameType.REGISTER;
    }
  }

  /** Relay to node: random bytes the node must sign. */
  record Challenge(byte[] nonce) implements RelayFrame {
    public Challenge {
      nonce = nonce.clone();
    }

    public RelayFrameType type() {
      return RelayFrameType.CHALLENGE;
    }
  }

  /** Node to relay: its public key (X.509 SubjectPublicKeyInfo) and Ed25519 signature. */
  record Proof(byte[] publicKey, byte[] signature) implements RelayFrame {
    public Proof {
      publicKey = publicKey.clone();
      signature = signature.clone();
    }

    public RelayFrameType type() {
      return RelayFrameType.PROOF;
    }
  }

  /** Relay to node: the proof holds; the node is reachable through this relay now. */
  record Registered() implements RelayFrame {
    public RelayFrameType type() {
      return RelayFrameType.REGISTERED;
    }
  }

  /** Relay to a registered node: someone asked for you; open a data connection with this token. */
  record Invite(byte[] token) implements RelayFrame {
    public Invite {
      token = token.clone();
    }

    public RelayFrameType type() {
      return RelayFrameType.INVITE;
    }
  }

  /** Member to relay: splice me to the node with this id. */
  record Connect(int version, byte[] target) implements RelayFrame {
    public Connect {
      target = target.clone();
    }

    public RelayFrameType type() {
      return RelayFrameType.CONNECT;
    }
  }

  /** Invited node to relay, on a new connection: this connection is the other end of the token's session. */
  record Join(int version, byte[] token) implements RelayFrame {
    public Join {
      token = token.clone();
    }

    public RelayFrameType type() {
      return RelayFrameType.JOIN;
    }
  }

  /** Relay to both ends of a session: from the next byte on, this connection is spliced. */
  record Ok() implements RelayFrame {
    public RelayFrameType type() {
      return RelayFrameType.OK;
    }
  }

  /** Keeps a control connection alive; answered by {@link Pong}. */
  record Ping() implements RelayFrame {
    public RelayFrameType type() {
      return RelayFrameType.PING;
    }
  }

  record Pong() implements RelayFrame {
    public RelayFrameType type() {
      return RelayFrameType.PONG;
    }
  }

  /** Relay to anyone: the request is refused; the relay closes the connection after this frame. */
  record Refused(RefusalReason reason, String text) implements RelayFrame {
    public RelayFrameType type() {
      return RelayFrameType.REFUSED;
    }
  }
}
