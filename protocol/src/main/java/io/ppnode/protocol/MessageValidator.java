package io.ppnode.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a decoded message against the rules of version 1 before it leaves the codec: ids, counts,
 * lengths, paths and the shape of every index entry. Jackson only guarantees types; this class
 * guarantees that the model never sees a message it would have to second-guess.
 *
 * <p>Every failure is a {@link ProtocolViolationException}: the message came from the peer.
 */
public final class MessageValidator {
  private MessageValidator() {}

  private static final Pattern PROJECT_ID = Pattern.compile("[a-z0-9]{1,64}");
  // Invite secrets are base64url without padding; 256 is far above any secret we issue.
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final int MAX_TEXT_CHARS = 1024;
  /** An IPv4 or bracketed IPv6 address or a DNS name, then a port; checked again before dialing. */
  private static final Pattern ADDRESS = Pattern.compile("(\\[[0-9A-Fa-f:.]{2,45}\\]|[A-Za-z0-9.-]{1,253}):[0-9]{1,5}");
  private static final Pattern RELAY = Pattern.compile("relay://" + ADDRESS.pattern());
  private static final int MAX_MODE = 07777;
  /** A printed node id: eight groups of seven base32 characters; the node checks the Luhn characters. */
  private static final Pattern NODE_ID = Pattern.compile("[A-Z2-7]{7}(-[A-Z2-7]{7}){7}");
  /** An Ed25519 public key in its X.509 encoding (44 bytes), in lowercase hex; 256 leaves room. */
  private static final Pattern PUBLIC_KEY_HEX = Pattern.compile("([0-9a-f]{2}){1,128}");

  /** Returns {@code message} if valid; throws {@link ProtocolViolationException} otherwise. */
  public static <M extends Message> M check(M message) {
    if (message instanceof Message.Hello m) {
      text("agent", m.agent());
      range("version", m.version(), 0, 0xffff);
      addresses("HELLO", m.addresses());
      relays("HELLO", m.relays());
    } else if (message instanceof Message.Error m) {
      requestId(m.requestId());
      notNull("code", m.code());
      text("message", m.message());
    } else if (message instanceof Message.JoinRequest m) {
      requestId(m.requestId());
      project(m.project());
      if (m.secret() == null || !SECRET.matcher(m.secret()).matches()) {
        throw new ProtocolViolationException("secret is not 1..256 base64url characters");
      }
    } else if (message instanceof Message.JoinAccepted m) {
      requestId(m.requestId());
      project(m.project());
      text("name", m.name());
    } else if (message instanceof Message.IndexRequest m) {
      requestId(m.requestId());
      project(m.project());
      nonNegative("since", m.since());
    } else if (message instanceof Message.IndexPage m) {
      checkIndexPage(m);
    } else if (message instanceof Message.IndexWatch m) {
      requestId(m.requestId());
      project(m.project());
      nonNegative("since", m.since());
    } else if (message instanceof Message.IndexChanged m) {
      requestId(m.requestId());
      project(m.project());
      nonNegative("sequence", m.sequence());
    } else if (message instanceof Message.ChunkRequest m) {
      requestId(m.requestId());
      project(m.project());
      WirePaths.check(m.path());
      nonNegative("offset", m.offset());
      range("length", m.length(), 1, Limits.MAX_CHUNK_BYTES);
      notNull("sha256", m.sha256());
    } else if (message instanceof Message.PeersRequest m) {
      requestId(m.requestId());
      project(m.project());
    } else if (message instanceof Message.Peers m) {
      checkPeers(m);
    } else if (message instanceof Message.TicketOffer m) {
      requestId(m.requestId());
      project(m.project());
      if (m.ownerKey() == null || !PUBLIC_KEY_HEX.matcher(m.ownerKey()).matches()) {
        throw new ProtocolViolationException("ownerKey is not 1..128 bytes of lowercase hex");
      }
      nonNegative("expires", m.expires());
      notNull("ticket", m.ticket());
    } else if (message instanceof Message.TicketAccepted m) {
      requestId(m.requestId());
      project(m.project());
      nonNegative("expires", m.expires());
    } else if (message instanceof ChunkData m) {
      requestId(m.requestId());
      range("chunk bytes", m.content().readableBytes(), 0, Limits.MAX_CHUNK_BYTES);
    }
    return message;
  }

  /** Returns {@code id} if it is 1..64 characters of {@code [a-z0-9]}; throws otherwise. */
  public static String project(String id) {
    if (id == null || !PROJECT_ID.matcher(id).matches()) {
      throw new ProtocolViolationException("project id is not 1..64 characters of [a-z0-9]");
    }
    return id;
  }

  private static void checkPeers(Message.Peers m) {
    requestId(m.requestId());
    project(m.project());
    nonNegative("expires", m.expires());
    notNull("ticket", m.ticket());
    notNull("peers", m.peers());
    if (m.peers().size() > Limits.MAX_PEERS) {
      throw new ProtocolViolationException("PEERS lists " + m.peers().size() + " peers (max " + Limits.MAX_PEERS + ")");
    }
    for (Message.Peer p : m.peers()) {
      notNull("peer", p);
      if (p.node() == null || !NODE_ID.matcher(p.node()).matches()) {
        throw new ProtocolViolationException("peer node id is not a printed node id: " + p.node());
      }
      addresses("peer", p.addresses());
      relays("peer", p.relays());
    }
  }

  private static void addresses(String what, List<String> addresses) {
    hints(what, "addresses", addresses, Limits.MAX_HELLO_ADDRESSES, ADDRESS, "HOST:PORT");
  }

  private static void relays(String what, List<String> relays) {
    hints(what, "relays", relays, Limits.MAX_HELLO_RELAYS, RELAY, "relay://HOST:PORT");
  }

  /** A bounded list of where a node says it can be reached, each entry of {@code form}. */
  private static void hints(String what, String kind, List<String> list, int max, Pattern pattern, String form) {
    notNull(what + " " + kind, list);
    if (list.size() > max) {
      throw new ProtocolViolationException(what + " lists " + list.size() + " " + kind + " (max " + max + ")");
    }
    for (String h : list) {
      if (h == null || !pattern.matcher(h).matches()) {
        throw new ProtocolViolationException(what + " " + kind + " entry is not " + form + ": " + h);
      }
    }
  }

  private static void checkIndexPage(Message.IndexPage m) {
    requestId(m.requestId());
    project(m.project());
    nonNegative("sequence", m.sequence());
    notNull("files", m.files());
    if (m.files().size() > Limits.MAX_INDEX_PAGE_FILES) {
      throw new ProtocolViolationException(
          "index page has " + m.files().size() + " files, limit " + Limits.MAX_INDEX_PAGE_FILES);
    }
    // Two entries for one path in one page leave the receiver to guess which one wins.
    Set<String> seen = new HashSet<>();
    for (FileEntry f : m.files()) {
      notNull("file entry", f);
      checkEntry(f);
      if (!seen.add(f.path())) {
        throw new ProtocolViolationException("path listed twice in one index page");
      }
    }
  }

  private static void checkEntry(FileEntry f) {
    WirePaths.check(f.path());
    notNull("kind", f.kind());
    nonNegative("size", f.size());
    nonNegative("sequence", f.sequence());
    range("mode", f.mode(), 0, MAX_MODE);
    notNull("chunks", f.chunks());
    // Whether it verifies is the member's check (it knows the owner's key); that it is there
    // is the wire's.
    notNull("signature", f.signature());
    if (f.deleted() || f.kind() == FileEntry.Kind.DIRECTORY) {
      // Nothing to fetch for these; a hash or chunk list would be a lie the model might trust.
      if (!f.chunks().isEmpty() || f.sha256() != null) {
        throw new ProtocolViolationException("deleted or directory entry carries chunks or a hash");
      }
      if (f.kind() == FileEntry.Kind.DIRECTORY && f.size() != 0) {
        throw new ProtocolViolationException("directory entry with a size");
      }
      return;
    }
    notNull("sha256", f.sha256());
    checkChunks(f.chunks(), f.size());
  }

  /** Chunks must tile the file exactly: contiguous from offset 0, summing to its size. */
  private static void checkChunks(List<FileEntry.ChunkRef> chunks, long size) {
    if (chunks.size() > Limits.MAX_CHUNKS_PER_FILE) {
      throw new ProtocolViolationException(
          "file has more than " + Limits.MAX_CHUNKS_PER_FILE + " chunks");
    }
    long expectedOffset = 0;
    for (FileEntry.ChunkRef c : chunks) {
      notNull("chunk", c);
      notNull("chunk sha256", c.sha256());
      range("chunk length", c.length(), 1, Limits.MAX_CHUNK_BYTES);
      if (c.offset() != expectedOffset) {
        throw new ProtocolViolationException(
            "chunk at offset " + c.offset() + ", expected " + expectedOffset);
      }
      expectedOffset += c.length();
    }
    if (expectedOffset != size) {
      throw new ProtocolViolationException(
          "chunks cover " + expectedOffset + " bytes of a " + size + "-byte file");
    }
  }

  private static void requestId(long id) {
    // Request ids travel as u64 in CHUNK_DATA and as JSON numbers elsewhere; keeping the top bit
    // clear lets both sides hold them in a Java long without a sign surprise.
    nonNegative("requestId", id);
  }

  private static void text(String field, String value) {
    notNull(field, value);
    if (value.length() > MAX_TEXT_CHARS) {
      throw new ProtocolViolationException(field + " longer than " + MAX_TEXT_CHARS + " chars");
    }
  }

  private static void nonNegative(String field, long value) {
    if (value < 0) {
      throw new ProtocolViolationException(field + " is negative: " + value);
    }
  }

  private static void range(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ProtocolViolationException(field + " " + value + " outside " + min + ".." + max);
    }
  }

  private static void notNull(String field, Object value) {
    if (value == null) {
      throw new ProtocolViolationException(field + " is missing or null");
    }
  }
}
