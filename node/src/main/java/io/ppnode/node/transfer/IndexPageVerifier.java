package io.ppnode.node.transfer;

import io.ppnode.node.identity.Ed25519Verifiers;
import io.ppnode.node.identity.NodeId;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.IndexEntryBytes;
import io.ppnode.protocol.Message;
import io.ppnode.protocol.ProtocolViolationException;
import java.security.PublicKey;
import java.util.function.Consumer;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The member's check of index pages as they arrive, before anything of them is passed on:
 * every entry must carry the owner's Ed25519 signature over its canonical bytes
 * (docs/protocol.md 4.1), made with the key whose hash is the owner id pinned at join. A page
 * with one bad entry is refused whole, as a {@link ProtocolViolationException}: the connection
 * that sent it is closed and the pull fails.
 *
 * <p>BouncyCastle's Ed25519, for speed (see {@link io.ppnode.node.identity.EntrySigner}).
 */
public final class IndexPageVerifier implements Consumer<Message.IndexPage> {
  private final String project;
  private final Ed25519Signer ed25519;
  private final Consumer<Message.IndexPage> next;

  /**
   * @param ownerKey the key to check against; it must hash to {@code pinnedOwnerId}
   * @param next receives each page once all of its entries verified
   * @throws ProtocolViolationException if the key is not the pinned owner's
   */
  public IndexPageVerifier(String project, String pinnedOwnerId, PublicKey ownerKey,
      Consumer<Message.IndexPage> next) {
    if (ownerKey == null || !NodeId.of(ownerKey).toString().equals(pinnedOwnerId)) {
      throw new ProtocolViolationException("index entries can only be checked against the owner's own key");
    }
    this.project = project;
    this.next = next;
    this.ed25519 = Ed25519Verifiers.of(ownerKey.getEncoded())
        .orElseThrow(() -> new ProtocolViolationException("the owner's key is not an Ed25519 key"));
  }

  @Override
  public void accept(Message.IndexPage page) {
    if (!project.equals(page.project())) {
      throw new ProtocolViolationException("index page for project " + page.project() + ", asked for " + project);
    }
    for (FileEntry e : page.files()) {
      if (!verifies(e)) {
        throw new ProtocolViolationException("index entry " + e.path() + " is not signed by the project's owner");
      }
    }
    next.accept(page);
  }

  private synchronized boolean verifies(FileEntry e) {
    if (e.signature() == null) {
      return false;
    }
    byte[] message = IndexEntryBytes.of(project, e);
    ed25519.update(message, 0, message.length);
    return ed25519.verifySignature(e.signature().bytes());
  }
}
