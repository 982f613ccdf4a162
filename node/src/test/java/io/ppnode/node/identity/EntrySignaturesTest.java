package io.ppnode.node.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ppnode.node.transfer.IndexPageVerifier;
import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.FileEntry.ChunkRef;
import io.ppnode.protocol.FileEntry.Kind;
import io.ppnode.protocol.IndexEntryBytes;
import io.ppnode.protocol.Message;
import io.ppnode.protocol.ProtocolViolationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Signed index entries (docs/protocol.md 4.1): the worked example of the spec is what the code
 * makes, and a member's {@link IndexPageVerifier} passes an owner-signed page and refuses any
 * entry with one field altered, an entry moved to another project, or a key that is not the
 * pinned owner's.
 */
class EntrySignaturesTest {
  private static final ChunkHash HELLO = sha("hello");
  /** The file hash of a file whose one chunk is {@code hello}: SHA-256 of that chunk's hash (docs/protocol.md 7). */
  private static final ChunkHash HELLO_FILE = ChunkHash.ofHex("9595c9df90075148eb06860365df33584b75bff782a510c6cd4883a419833d50");
  /** SPKI DER prefix of an Ed25519 public key (RFC 8410); the raw 32 bytes follow. */
  private static final String ED25519_SPKI_PREFIX = "302a300506032b6570032100";

  @Test
  void theSpecsWorkedExampleIsWhatTheCodeSignsAndItVerifies() throws Exception {
    String spec = Files.readString(Path.of("..", "docs", "protocol.md"), StandardCharsets.UTF_8);
    byte[] seed = MessageDigest.getInstance("SHA-256").digest("ppnode example owner".getBytes(StandardCharsets.US_ASCII));
    assertEquals(after(spec, "owner\") = `", 64), HexFormat.of().formatHex(seed));
    FileEntry entry = example();

    assertArrayEquals(dumpAfter(spec, "has these canonical bytes:"), IndexEntryBytes.of("demo", entry));
    FileEntry signed = new EntrySigner(privateKey(seed)).sign("demo", entry);
    String[] sigLines = codeBlockAfter(spec, "Its signature, as sent in the example page:").split("\n");
    assertEquals(sigLines[0] + sigLines[1], signed.signature().hex());

    PublicKey key = publicKey(after(spec, "its public key is\n`", 64));
    assertDoesNotThrow(() -> verifier(key).check(page(signed)));
  }

  @Test
  void anAlteredEntryOrAnotherProjectIsRefused() {
    Identity owner = Identity.generate();
    FileEntry signed = new EntrySigner(owner.keyPair().getPrivate()).sign("demo", example());
    List<UnaryOperator<FileEntry>> alterations = List.of(
        e -> copy(e, "docs/b.txt", e.kind(), e.size(), e.mtime(), e.mode(), e.sha256(), e.sequence(), e.deleted(), e.chunks()),
        e -> copy(e, e.path(), e.kind(), e.size(), e.mtime() + 1, e.mode(), e.sha256(), e.sequence(), e.deleted(), e.chunks()),
        e -> copy(e, e.path(), e.kind(), e.size(), e.mtime(), 0755, e.sha256(), e.sequence(), e.deleted(), e.chunks()),
        e -> copy(e, e.path(), e.kind(), e.size(), e.mtime(), e.mode(), sha("other"), e.sequence(), e.deleted(), e.chunks()),
        e -> copy(e, e.path(), e.kind(), e.size(), e.mtime(), e.mode(), e.sha256(), e.sequence() + 1, e.deleted(), e.chunks()),
        e -> copy(e, e.path(), e.kind(), 0, e.mtime(), e.mode(), null, e.sequence(), true, List.of()),
        e -> copy(e, e.path(), e.kind(), e.size(), e.mtime(), e.mode(), e.sha256(), e.sequence(), e.deleted(),
            List.of(new ChunkRef(0, 5, sha("other")))),
        e -> e.signed(null));
    for (UnaryOperator<FileEntry> alter : alterations) {
      IndexPageVerifier v = verifier(owner.keyPair().getPublic());
      assertThrows(ProtocolViolationException.class, () -> v.check(page(signed, alter.apply(signed))));
    }
    IndexPageVerifier otherProject = new IndexPageVerifier("other", owner.id().toString(), owner.keyPair().getPublic());
    assertThrows(ProtocolViolationException.class,
        () -> otherProject.check(new Message.IndexPage(1, "other", 3, true, List.of(signed))));
  }

  @Test
  void onlyThePinnedOwnersKeyIsAccepted() {
    Identity owner = Identity.generate();
    Identity stranger = Identity.generate();
    assertThrows(ProtocolViolationException.class,
        () -> new IndexPageVerifier("demo", owner.id().toString(), stranger.keyPair().getPublic()));
    FileEntry byStranger = new EntrySigner(stranger.keyPair().getPrivate()).sign("demo", example());
    IndexPageVerifier v = verifier(owner.keyPair().getPublic());
    assertThrows(ProtocolViolationException.class, () -> v.check(page(byStranger)));
  }

  /**
   * Cost of signing at scan and verifying at the member. Run with
   * {@code mvn -o -q -pl node -am test -Dtest=EntrySignaturesTest -Dsurefire.failIfNoSpecifiedTests=false -Dppnode.bench=true}.
   */
  @Test
  void cost() {
    assumeTrue(Boolean.getBoolean("ppnode.bench"), "a measurement, run with -Dppnode.bench=true");
    Identity owner = Identity.generate();
    EntrySigner signer = new EntrySigner(owner.keyPair().getPrivate());
    List<FileEntry> entries = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      entries.add(new FileEntry("dir" + (i % 100) + "/file-" + i + ".txt", Kind.FILE, 5, 1_700_000_000_000L, 0644,
          HELLO, i + 1, false, List.of(new ChunkRef(0, 5, HELLO))));
    }
    signer.signAll("demo", entries.subList(0, 10_000)); // warm-up
    long t0 = System.nanoTime();
    List<FileEntry> signed = signer.signAll("demo", entries);
    long signNs = System.nanoTime() - t0;
    IndexPageVerifier v = verifier(owner.keyPair().getPublic());
    for (int from = 0; from < 10_000; from += 2000) {
      v.check(new Message.IndexPage(1, "demo", 1, false, signed.subList(from + 10_000, from + 12_000)));
    }
    long t1 = System.nanoTime();
    for (int from = 0; from < 10_000; from += 2000) {
      v.check(new Message.IndexPage(1, "demo", 1, false, signed.subList(from, from + 2000)));
    }
    long verifyNs = System.nanoTime() - t1;
    System.out.printf("signing 100,000 entries: %.2f s (%.1f us each); verifying 10,000: %.2f s (%.1f us each)%n",
        signNs / 1e9, signNs / 1e3 / 100_000, verifyNs / 1e9, verifyNs / 1e3 / 10_000);
  }

  private static IndexPageVerifier verifier(PublicKey ownerKey) {
    return new IndexPageVerifier("demo", NodeId.of(ownerKey).toString(), ownerKey);
  }

  private static Message.IndexPage page(FileEntry... entries) {
    return new Message.IndexPage(2, "demo", 3, true, List.of(entries));
  }

  /** The entry {@code docs/a.txt} of the spec's INDEX_PAGE example, unsigned. */
  private static FileEntry example() {
    return new FileEntry("docs/a.txt", Kind.FILE, 5, 1_700_000_000_000L, 0644, HELLO_FILE, 3, false,
        List.of(new ChunkRef(0, 5, HELLO)));
  }

  private static FileEntry copy(FileEntry signed, String path, Kind kind, long size, long mtime, int mode,
      ChunkHash sha, long sequence, boolean deleted, List<ChunkRef> chunks) {
    return new FileEntry(path, kind, size, mtime, mode, sha, sequence, deleted, chunks, signed.signature());
  }

  private static PrivateKey privateKey(byte[] seed) throws Exception {
    return KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
  }

  private static PublicKey publicKey(String rawHex) throws Exception {
    byte[] spki = HexFormat.of().parseHex(ED25519_SPKI_PREFIX + rawHex);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }

  private static String after(String spec, String marker, int chars) {
    int at = spec.indexOf(marker);
    return spec.substring(at + marker.length(), at + marker.length() + chars);
  }

  private static String codeBlockAfter(String spec, String marker) {
    int start = spec.indexOf("```\n", spec.indexOf(marker)) + 4;
    return spec.substring(start, spec.indexOf("```", start));
  }

  /** The bytes of a hex dump in the spec's layout: offset, up to 16 hex bytes, ASCII. */
  private static byte[] dumpAfter(String spec, String marker) {
    StringBuilder hex = new StringBuilder();
    for (String line : codeBlockAfter(spec, marker).split("\n")) {
      hex.append(line.substring(6, Math.min(line.length(), 6 + 48)).replace(" ", ""));
    }
    return HexFormat.of().parseHex(hex.toString());
  }

  private static ChunkHash sha(String text) {
    try {
      return ChunkHash.of(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
