package io.ppnode.node.identity;

import io.ppnode.protocol.EntrySignature;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.IndexEntryBytes;
import io.ppnode.protocol.MemberTicketBytes;
import java.io.IOException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * The owner's signing of index entries (and of member tickets) with its node key (Ed25519, RFC 8032), so that a member
 * can tell an entry came from the owner whoever passed it on. An entry is signed as it is
 * published, after it took its sequence, and the signature is stored with it.
 *
 * <p>BouncyCastle's Ed25519, not the JDK's: on this machine the JDK 17 provider took 1.5 ms per
 * signature (100,000 entries: 155 s), BouncyCastle's tens of microseconds; both are RFC 8032
 * and make the same bytes.
 */
public final class EntrySigner {
  private final Ed25519Signer ed25519 = new Ed25519Signer();

  public EntrySigner(PrivateKey nodeKey) {
    try {
      if (!(PrivateKeyFactory.createKey(nodeKey.getEncoded()) instanceof Ed25519PrivateKeyParameters key)) {
        throw new IllegalArgumentException("not an Ed25519 private key");
      }
      ed25519.init(true, key);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an Ed25519 private key", e);
    }
  }

  /** {@code entry} of {@code project} with the owner's signature over its canonical bytes. */
  public synchronized FileEntry sign(String project, FileEntry entry) {
    byte[] message = IndexEntryBytes.of(project, entry);
    ed25519.update(message, 0, message.length);
    return entry.signed(EntrySignature.of(ed25519.generateSignature()));
  }

  /**
   * The owner's ticket for {@code member} to fetch chunks of {@code project} from other members
   * until {@code expires} (Unix ms): a signature over {@link MemberTicketBytes}.
   */
  public synchronized EntrySignature signTicket(String project, String member, long expires) {
    byte[] message = MemberTicketBytes.of(project, member, expires);
    ed25519.update(message, 0, message.length);
    return EntrySignature.of(ed25519.generateSignature());
  }

  /** Every entry signed, in order. */
  public List<FileEntry> signAll(String project, List<FileEntry> entries) {
    List<FileEntry> out = new ArrayList<>(entries.size());
    for (FileEntry e : entries) {
      out.add(sign(project, e));
    }
    return out;
  }
}
