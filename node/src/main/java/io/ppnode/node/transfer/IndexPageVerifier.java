package io.ppnode.node.transfer;

import io.ppnode.node.chunk.FileHashes;
import io.ppnode.node.identity.Ed25519Verifiers;
import io.ppnode.node.identity.NodeId;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.IndexEntryBytes;
import io.ppnode.protocol.Message;
import io.ppnode.protocol.ProtocolViolationException;
import java.security.PublicKey;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The member's check of an index page before anything of it is used: every entry must carry
 * the owner's Ed25519 signature over its canonical bytes (docs/protocol.md 4.1), made with the
 * key whose hash is the owner id pinned at join, and a live file's hash must be the one its
 * chunk list gives ({@link FileHashes}), since the member names a version by it. A page with
 * one bad entry is refused whole, as a {@link ProtocolViolationException}: the pull fails and
 * its connection is closed.
 *
 * <p>BouncyCastle's Ed25519, for speed (see {@link io.ppnode.node.identity.EntrySigner}). The
 * puller checks each page on its own thread as it takes it, not on the network thread that
 * received it, and the entries of a large page on every core: checking is most of a member's
 * CPU for a page of small files (about 85 us an entry on a cold JVM here).
 */
public final class IndexPageVerifier {
  /** Below this many entries a page is checked on the calling thread alone. */
  private static final int PARALLEL_FROM = 64;
  private final String project;
  private final Ed25519PublicKeyParameters ownerKey;

  /**
   * @param ownerKey the key to check against; it must hash to {@code pinnedOwnerId}
   * @throws ProtocolViolationException if the key is not the pinned owner's
   */
  public IndexPageVerifier(String project, String pinnedOwnerId, PublicKey ownerKey) {
    if (ownerKey == null || !NodeId.of(ownerKey).toString().equals(pinnedOwnerId)) {
      throw new ProtocolViolationException("index entries can only be checked against the owner's own key");
    }
    this.project = project;
    this.ownerKey = Ed25519Verifiers.publicKey(ownerKey.getEncoded())
        .orElseThrow(() -> new ProtocolViolationException("the owner's key is not an Ed25519 key"));
  }

  /** Returns if every entry of {@code page} is the owner's, for this project; throws if not. */
  public void check(Message.IndexPage page) {
    if (!project.equals(page.project())) {
      throw new ProtocolViolationException("index page for project " + page.project() + ", asked for " + project);
    }
    List<FileEntry> files = page.files();
    // The key is immutable and each check independent, so entries may be checked at once.
    Stream<FileEntry> entries = files.size() >= PARALLEL_FROM ? files.parallelStream() : files.stream();
    entries.filter(e -> !verifies(e)).findFirst().ifPresent(e -> {
      throw new ProtocolViolationException("index entry " + e.path() + " is not signed by the project's owner");
    });
    for (FileEntry e : files) {
      if (e.sha256() != null && !e.sha256().equals(FileHashes.of(e.chunks()))) {
        throw new ProtocolViolationException("index entry " + e.path() + " has a file hash that is not its chunk list's");
      }
    }
  }

  private boolean verifies(FileEntry e) {
    if (e.signature() == null || e.signature().bytes().length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    byte[] message = IndexEntryBytes.of(project, e);
    return ownerKey.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, e.signature().bytes(), 0);
  }
}
