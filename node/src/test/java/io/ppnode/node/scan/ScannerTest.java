package io.ppnode.node.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.chunk.ChunkSizing;
import io.ppnode.node.identity.EntrySigner;
import io.ppnode.node.identity.Identity;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.node.scan.Scanner.Outcome;
import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.FileEntry.Kind;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerTest {
  @TempDir Path tmp;
  Path root;
  Manifest m;
  final Scanner scanner = new Scanner(new EntrySigner(Identity.generate().keyPair().getPrivate()));

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("project"));
    m = Manifest.open(tmp.resolve("home"));
    m.insertProject(new ProjectRecord("p", "proj", Role.OWNER, root, "me", List.of(), 0, null));
  }

  @AfterEach
  void tearDown() {
    m.close();
  }

  private Outcome scan() {
    return scanner.scan(m, m.project("p").orElseThrow());
  }

  private Path write(String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  /** The file hash rule of docs/protocol.md 7, written out: SHA-256 of the chunk hashes in order. */
  private static ChunkHash fileHash(ChunkHash... chunks) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (ChunkHash c : chunks) {
      d.update(c.bytes());
    }
    return ChunkHash.of(d.digest());
  }

  private static ChunkHash sha(byte[] data, int from, int to) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    d.update(data, from, to - from);
    return ChunkHash.of(d.digest());
  }

  private FileEntry entry(String path) {
    return m.file("p", path).orElseThrow(() -> new AssertionError("no entry " + path));
  }

  @Test
  void indexesNestedDirsEmptyFilesAndEmptyDirs() throws Exception {
    write("a/b/c.txt", "hello");
    write("top.txt", "x");
    Files.createFile(root.resolve("empty.bin"));
    Files.createDirectories(root.resolve("hollow/deeper"));

    Outcome o = scan();
    // a, a/b, a/b/c.txt, empty.bin, hollow, hollow/deeper, top.txt
    assertEquals(new Outcome(7, 0, 6, 7), o);
    assertEquals(7, m.project("p").orElseThrow().sequence());
    assertEquals(
        List.of("a", "a/b", "a/b/c.txt", "empty.bin", "hollow", "hollow/deeper", "top.txt"),
        m.files("p").stream().map(FileEntry::path).toList());

    FileEntry c = entry("a/b/c.txt");
    assertEquals(Kind.FILE, c.kind());
    assertEquals(5, c.size());
    byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
    assertEquals(fileHash(sha(hello, 0, 5)), c.sha256());
    assertEquals(List.of(new FileEntry.ChunkRef(0, 5, sha(hello, 0, 5))), c.chunks());
    assertEquals(Files.getLastModifiedTime(root.resolve("a/b/c.txt")).toMillis(), c.mtime());

    FileEntry empty = entry("empty.bin");
    assertEquals(0, empty.size());
    assertTrue(empty.chunks().isEmpty());
    assertEquals(fileHash(), empty.sha256());

    FileEntry dir = entry("hollow/deeper");
    assertEquals(Kind.DIRECTORY, dir.kind());
    assertEquals(0, dir.size());
    assertNull(dir.sha256());
    assertTrue(dir.chunks().isEmpty());
    // Parents come before children in sequence order.
    assertTrue(entry("a").sequence() < entry("a/b").sequence());
    assertTrue(entry("a/b").sequence() < c.sequence());
  }

  @Test
  void everyPublishedEntryIsSignedAndUnsignedRowsArePublishedAgainSigned() throws Exception {
    write("a/b.txt", "hello");
    scan();
    for (FileEntry e : m.files("p")) {
      assertTrue(e.signature() != null, e.path() + " is signed");
    }
    // A row as a manifest from before signatures holds it.
    FileEntry old = m.file("p", "a/b.txt").orElseThrow();
    m.putFiles("p", List.of(new FileEntry(old.path(), old.kind(), old.size(), old.mtime(), old.mode(), old.sha256(),
        old.sequence(), false, old.chunks())), m.project("p").orElseThrow().sequence());
    Outcome o = scan();
    FileEntry again = m.file("p", "a/b.txt").orElseThrow();
    assertEquals(1, o.changed(), "only the unsigned row is published again");
    assertTrue(again.signature() != null && again.sequence() > old.sequence());
    assertEquals(5, o.bytesHashed(), "its content is read once more, nothing else");
  }

  @Test
  void ofNamesThatDifferOnlyByCaseOnlyTheFirstIsPublishedAndTheRestReported() throws Exception {
    write("README.md", "one");
    write("Readme.md", "two");
    write("Docs/x.txt", "x");
    write("docs/y.txt", "y");
    write("other.txt", "o");
    Outcome o = scan();
    assertEquals(List.of("Docs", "Docs/x.txt", "README.md", "other.txt"),
        m.files("p").stream().map(FileEntry::path).toList());
    // In sort order, the order they were met in.
    assertEquals(List.of("Readme.md (differs only by case from README.md)", "docs (differs only by case from Docs)"),
        o.caseCollisions());
  }

  @Test
  void posixModeIsRecorded() throws Exception {
    Path f = write("run.sh", "#!/bin/sh");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-x---"));
    Path g = write("plain.txt", "x");
    Files.setPosixFilePermissions(g, PosixFilePermissions.fromString("rw-r--r--"));
    scan();
    assertEquals(0750, entry("run.sh").mode());
    assertEquals(0644, entry("plain.txt").mode());
  }

  @Test
  void largeFileIsCutByContentWithinTheSizeBounds() throws Exception {
    byte[] data = new byte[(5 << 19) + 123];
    new Random(42).nextBytes(data);
    Files.write(root.resolve("big.bin"), data);

    Outcome o = scan();
    assertEquals(data.length, o.bytesHashed());
    FileEntry big = entry("big.bin");
    assertEquals(data.length, big.size());
    assertEquals(fileHash(big.chunks().stream().map(FileEntry.ChunkRef::sha256).toArray(ChunkHash[]::new)), big.sha256());
    ChunkSizing sizing = ChunkSizing.forFileSize(data.length);
    assertEquals(64 << 10, sizing.avg());
    // Random data at a 64 KiB average: dozens of chunks, not the two or three of fixed 1 MiB.
    assertTrue(big.chunks().size() > 20 && big.chunks().size() < 80, big.chunks().size() + " chunks");
    long next = 0;
    for (int i = 0; i < big.chunks().size(); i++) {
      FileEntry.ChunkRef c = big.chunks().get(i);
      assertEquals(next, c.offset());
      assertTrue(c.length() <= sizing.max());
      assertTrue(c.length() >= sizing.min() || i == big.chunks().size() - 1);
      assertEquals(sha(data, (int) c.offset(), (int) c.offset() + c.length()), c.sha256());
      next += c.length();
    }
    assertEquals(data.length, next);
  }

  @Test
  void upTo256KiBIsOneChunk() throws Exception {
    byte[] data = new byte[ChunkSizing.WHOLE_FILE_LIMIT];
    new Random(3).nextBytes(data);
    Files.write(root.resolve("one.bin"), data);
    scan();
    assertEquals(List.of(new FileEntry.ChunkRef(0, data.length, sha(data, 0, data.length))), entry("one.bin").chunks());
  }

  @Test
  void dataWithoutContentIsCutAtTheMaximumWithNoEmptyTail() throws Exception {
    byte[] data = new byte[2 << 20];
    Arrays.fill(data, (byte) 7);
    Files.write(root.resolve("even.bin"), data);
    scan();
    // 2 MiB of one byte value never meets the hash condition: eight maximal 256 KiB chunks.
    List<FileEntry.ChunkRef> chunks = entry("even.bin").chunks();
    assertEquals(8, chunks.size());
    assertTrue(chunks.stream().allMatch(c -> c.length() == ChunkSizing.forFileSize(data.length).max()));
  }

  @Test
  void anInsertionChangesOnlyTheChunksAroundIt() throws Exception {
    byte[] data = new byte[4 << 20];
    new Random(9).nextBytes(data);
    Path f = root.resolve("edit.bin");
    Files.write(f, data);
    scan();
    List<FileEntry.ChunkRef> before = entry("edit.bin").chunks();

    byte[] edited = new byte[data.length + 100];
    int at = 3 << 19;
    System.arraycopy(data, 0, edited, 0, at);
    Arrays.fill(edited, at, at + 100, (byte) 1);
    System.arraycopy(data, at, edited, at + 100, data.length - at);
    Files.write(f, edited);
    Files.setLastModifiedTime(f, FileTime.fromMillis(1_600_000_000_000L));
    scan();
    java.util.Set<ChunkHash> old = new java.util.HashSet<>();
    before.forEach(c -> old.add(c.sha256()));
    long fresh = entry("edit.bin").chunks().stream().filter(c -> !old.contains(c.sha256()))
        .mapToLong(FileEntry.ChunkRef::length).sum();
    assertTrue(fresh > 0 && fresh <= 2L * ChunkSizing.forFileSize(edited.length).max(), fresh + " new bytes");
  }

  @Test
  void unicodeNamesAreStoredNfc() throws Exception {
    String nfd = Normalizer.normalize("café/naïve.txt", Normalizer.Form.NFD);
    write(nfd, "u");
    scan();
    String nfc = Normalizer.normalize("café/naïve.txt", Normalizer.Form.NFC);
    assertEquals(List.of(Normalizer.normalize("café", Normalizer.Form.NFC), nfc),
        m.files("p").stream().map(FileEntry::path).toList());
  }

  @Test
  void rescanWithoutChangesReadsNothing() throws Exception {
    write("a/x.txt", "one");
    write("y.txt", "two");
    Outcome first = scan();
    List<FileEntry> before = m.files("p");

    Outcome again = scan();
    assertEquals(new Outcome(0, 0, 0, first.sequence()), again);
    assertEquals(first.sequence(), m.project("p").orElseThrow().sequence());
    assertEquals(before, m.files("p"));
  }

  @Test
  void modifyAddDeleteBumpSequenceAndLeaveTombstones() throws Exception {
    Path keep = write("keep.txt", "same");
    Path change = write("change.txt", "before");
    write("gone/inner.txt", "bye");
    Outcome first = scan();
    assertEquals(4, first.sequence());
    long keepSeq = entry("keep.txt").sequence();

    Files.writeString(change, "after!");
    Files.setLastModifiedTime(change, FileTime.fromMillis(Files.getLastModifiedTime(change).toMillis() + 5_000));
    write("new.txt", "fresh");
    Files.delete(root.resolve("gone/inner.txt"));
    Files.delete(root.resolve("gone"));

    Outcome second = scan();
    assertEquals(2, second.changed());
    assertEquals(2, second.deleted());
    assertEquals("after!".length() + "fresh".length(), second.bytesHashed());
    assertEquals(8, second.sequence());
    assertEquals(8, m.project("p").orElseThrow().sequence());

    // Tombstones first, deepest first; then changes in path order.
    assertEquals(List.of("gone/inner.txt", "gone", "change.txt", "new.txt"),
        m.filesAfter("p", first.sequence(), 100).stream().map(FileEntry::path).toList());
    FileEntry tomb = entry("gone/inner.txt");
    assertTrue(tomb.deleted());
    assertNull(tomb.sha256());
    assertEquals(0, tomb.size());
    assertTrue(tomb.chunks().isEmpty());
    assertTrue(entry("gone").deleted());
    assertEquals(Kind.DIRECTORY, entry("gone").kind());
    assertEquals(keepSeq, entry("keep.txt").sequence());
    assertEquals(6, entry("change.txt").size());
    assertEquals(new Manifest.Totals(3, 4 + 6 + 5), m.totals("p"));

    // A tombstone stays as it is; nothing else changed either.
    assertEquals(new Outcome(0, 0, 0, 8), scan());

    // The path comes back: a live entry again, with a new sequence.
    write("gone/inner.txt", "back");
    Outcome third = scan();
    assertEquals(new Outcome(2, 0, 4, 10), third);
    assertFalse(entry("gone/inner.txt").deleted());
    assertTrue(Files.exists(keep));
  }

  @Test
  void sameSizeChangeIsSeenThroughMtime() throws Exception {
    Path f = write("f.txt", "aaaa");
    Files.setLastModifiedTime(f, FileTime.fromMillis(1_600_000_000_000L));
    scan();
    Files.writeString(f, "bbbb");
    Files.setLastModifiedTime(f, FileTime.fromMillis(1_600_000_001_000L));
    Outcome o = scan();
    assertEquals(1, o.changed());
    assertEquals(fileHash(sha("bbbb".getBytes(StandardCharsets.UTF_8), 0, 4)), entry("f.txt").sha256());
    assertEquals(1_600_000_001_000L, entry("f.txt").mtime());
  }

  /** Puts a new file (a new inode) with {@code content} and the given mtime in place of {@code rel}. */
  private Path replaceWith(String rel, String content, long mtime) throws Exception {
    Path staged = root.resolve(rel + ".staged");
    Files.writeString(staged, content);
    Files.setLastModifiedTime(staged, FileTime.fromMillis(mtime));
    return Files.move(staged, root.resolve(rel), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Object fileKey(Path p) throws Exception {
    return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
  }

  @Test
  void theFileKeyIsRecordedAndAnUnchangedFileIsNotReadAgain() throws Exception {
    Path f = write("f.txt", "aaaa");
    scan();
    assertEquals(fileKey(f).toString(), m.fileKeys("p").get("f.txt"));
    assertEquals(new Outcome(0, 0, 0, 1), scan(), "same size, mtime and inode: not read");
  }

  @Test
  void aFileReplacedWithTheSameSizeAndMtimeIsReadAgain() throws Exception {
    Path f = write("f.txt", "aaaa");
    Files.setLastModifiedTime(f, FileTime.fromMillis(1_600_000_000_000L));
    Object before = fileKey(f);
    scan();
    long seq = entry("f.txt").sequence();

    replaceWith("f.txt", "bbbb", 1_600_000_000_000L);
    assertTrue(!before.equals(fileKey(f)), "the replacement is another inode");
    Outcome o = scan();
    assertEquals(1, o.changed());
    assertEquals(4, o.bytesHashed());
    FileEntry now = entry("f.txt");
    assertEquals(fileHash(sha("bbbb".getBytes(StandardCharsets.UTF_8), 0, 4)), now.sha256());
    assertEquals(1_600_000_000_000L, now.mtime());
    assertTrue(now.sequence() > seq);
    assertEquals(fileKey(f).toString(), m.fileKeys("p").get("f.txt"));
    assertEquals(0, scan().bytesHashed(), "and then it is known again");
  }

  @Test
  void aReplacementWithTheSameBytesIsReadButNotPublished() throws Exception {
    Path f = write("f.txt", "same");
    Files.setLastModifiedTime(f, FileTime.fromMillis(1_600_000_000_000L));
    Outcome first = scan();
    FileEntry before = entry("f.txt");

    replaceWith("f.txt", "same", 1_600_000_000_000L);
    Outcome o = scan();
    assertEquals(new Outcome(0, 0, 4, first.sequence()), o, "read once, nothing new for members");
    assertEquals(before, entry("f.txt"));
    assertEquals(fileKey(f).toString(), m.fileKeys("p").get("f.txt"), "the new inode is remembered");
    assertEquals(0, scan().bytesHashed());
  }

  @Test
  void rowsFromBeforeFileKeysAdoptTheKeyWithoutReading() throws Exception {
    Path f = write("f.txt", "data");
    Outcome first = scan();
    // Written without keys, as the rows an upgraded manifest holds.
    m.putFiles("p", m.files("p"), first.sequence());
    assertTrue(m.fileKeys("p").isEmpty());

    assertEquals(new Outcome(0, 0, 0, first.sequence()), scan());
    assertEquals(fileKey(f).toString(), m.fileKeys("p").get("f.txt"));
  }

  @Test
  void ppnodeDirAndSymlinksAreSkipped() throws Exception {
    write(".ppnode/state.db", "internal");
    write("sub/.ppnode/kept.txt", "only the root's .ppnode is ours");
    Path target = write("real.txt", "r");
    Files.createSymbolicLink(root.resolve("link.txt"), target);
    Files.createSymbolicLink(root.resolve("linkdir"), root.resolve("sub"));

    scan();
    assertEquals(List.of("real.txt", "sub", "sub/.ppnode", "sub/.ppnode/kept.txt"),
        m.files("p").stream().map(FileEntry::path).toList());
  }

  @Test
  void unreadableFileIsSkippedNotDeleted() throws Exception {
    Path secret = write("secret.txt", "s");
    write("open.txt", "o");
    scan();
    long seq = entry("secret.txt").sequence();
    Files.writeString(secret, "changed");
    Files.setLastModifiedTime(secret, FileTime.fromMillis(1_600_000_000_000L));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    try {
      // Root can read anything; then the file is simply hashed, which is fine too.
      boolean readable = Files.isReadable(secret);
      Outcome o = scan();
      assertEquals(0, o.deleted());
      FileEntry e = entry("secret.txt");
      assertFalse(e.deleted());
      if (!readable) {
        assertEquals(seq, e.sequence());
      }
    } finally {
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  @Test
  void missingRootFailsInsteadOfDeletingEverything() throws Exception {
    write("a.txt", "a");
    scan();
    Files.delete(root.resolve("a.txt"));
    Files.delete(root);
    assertThrows(UncheckedIOException.class, this::scan);
    assertFalse(entry("a.txt").deleted());
  }
}
