package io.ppnode.protocol;

/**
 * One protocol message: data only, no behaviour. Each permitted record has a fixed
 * {@link MessageType}; {@link MessageEncoder} turns them into frames and
 * {@link MessageDecoder} back.
 */
public sealed interface Message
    permits Message.Hello,
        Message.Error,
        Message.JoinRequest,
        Message.JoinAccepted,
        Message.IndexRequest,
        Message.IndexPage,
        Message.IndexWatch,
        Message.IndexChanged,
        Message.ChunkRequest,
        Message.PeersRequest,
        Message.Peers,
        Message.TicketOffer,
        Message.TicketAccepted,
        ChunkData {

  MessageType type();

  /**
   * First message on every connection, each way. The magic and version travel in binary before
   * the JSON body so that a wrong peer is told "not ppnode" or "version too old", not "bad JSON".
   * A serving node lists the HOST:PORT addresses it can be reached at, so that a member can
   * remember them for when the invite's hints have gone stale, and the relays
   * ({@code relay://HOST:PORT}) it keeps a registration at, so that other members that cannot
   * reach it directly can meet it there.
   */
  record Hello(int version, String agent, java.util.List<String> addresses, java.util.List<String> relays)
      implements Message {
    /** A HELLO that reports no addresses, as every client and a loopback-only node send. */
    public Hello(int version, String agent) {
      this(version, agent, java.util.List.of(), java.util.List.of());
    }

    /** A HELLO that reports direct addresses and no relays. */
    public Hello(int version, String agent, java.util.List<String> addresses) {
      this(version, agent, addresses, java.util.List.of());
    }

    public MessageType type() {
      return MessageType.HELLO;
    }
  }

  /** The answer to a request that failed; {@code requestId} 0 means the connection as a whole. */
  record Error(long requestId, ErrorCode code, String message) implements Message {
    public MessageType type() {
      return MessageType.ERROR;
    }
  }

  /** A would-be member presents an invite's secret (base64url) for a project. */
  record JoinRequest(long requestId, String project, String secret) implements Message {
    public MessageType type() {
      return MessageType.JOIN_REQUEST;
    }
  }

  /** The owner accepted the invite and recorded the caller as a member. */
  record JoinAccepted(long requestId, String project, String name) implements Message {
    public MessageType type() {
      return MessageType.JOIN_ACCEPTED;
    }
  }

  /** Asks for every index entry of {@code project} with a sequence above {@code since}. */
  record IndexRequest(long requestId, String project, long since) implements Message {
    public MessageType type() {
      return MessageType.INDEX_REQUEST;
    }
  }

  /**
   * One page of an index answer. {@code sequence} is the owner's current project sequence; the
   * pages of one answer share the request id and the last one has {@code last} set.
   */
  record IndexPage(
      long requestId, String project, long sequence, boolean last, java.util.List<FileEntry> files)
      implements Message {
    public MessageType type() {
      return MessageType.INDEX_PAGE;
    }
  }

  /**
   * Asks to be told when {@code project}'s sequence passes {@code since}: a long poll. The owner
   * answers with one INDEX_CHANGED as soon as it does, or with the unchanged sequence after at
   * most a minute, so that an idle connection still carries a frame each way.
   */
  record IndexWatch(long requestId, String project, long since) implements Message {
    public MessageType type() {
      return MessageType.INDEX_WATCH;
    }
  }

  /** The answer to INDEX_WATCH: the project's sequence now. */
  record IndexChanged(long requestId, String project, long sequence) implements Message {
    public MessageType type() {
      return MessageType.INDEX_CHANGED;
    }
  }

  /** Asks for the bytes of one chunk of one file, named by path, offset, length and hash. */
  record ChunkRequest(
      long requestId, String project, String path, long offset, int length, ChunkHash sha256)
      implements Message {
    public MessageType type() {
      return MessageType.CHUNK_REQUEST;
    }
  }

  /**
   * A member asks the owner which other members serve {@code project} and for a ticket to show
   * them (docs/protocol.md, "Swarming").
   */
  record PeersRequest(long requestId, String project) implements Message {
    public MessageType type() {
      return MessageType.PEERS_REQUEST;
    }
  }

  /**
   * The owner's answer to PEERS_REQUEST: members that reported where they serve, and a ticket
   * for the asker, the owner's Ed25519 signature over {@link MemberTicketBytes} of the project,
   * the asker's node id and {@code expires} (Unix milliseconds).
   */
  record Peers(long requestId, String project, long expires, EntrySignature ticket, java.util.List<Peer> peers)
      implements Message {
    public MessageType type() {
      return MessageType.PEERS;
    }
  }

  /** Another member of the project, by node id, with the HOST:PORT addresses and relay URLs it reported. */
  record Peer(String node, java.util.List<String> addresses, java.util.List<String> relays) {}

  /**
   * A member shows another member the owner's ticket, so that it serves this connection chunks
   * of {@code project}; {@code ownerKey} is the owner's public key (X.509, hex), whose SHA-256
   * must be the project's owner id.
   */
  record TicketOffer(long requestId, String project, String ownerKey, long expires, EntrySignature ticket)
      implements Message {
    public MessageType type() {
      return MessageType.TICKET_OFFER;
    }
  }

  /** The other member checked the ticket and serves chunks of {@code project} until {@code expires}. */
  record TicketAccepted(long requestId, String project, long expires) implements Message {
    public MessageType type() {
      return MessageType.TICKET_ACCEPTED;
    }
  }
}
