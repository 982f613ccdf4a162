package io.ppnode.node.scan;

import io.ppnode.node.chunk.ChunkSizing;
import io.ppnode.node.identity.EntrySigner;
import io.ppnode.node.manifest.FileState;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ManifestException;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.scan.FileHasher.Hashed;
import io.ppnode.node.scan.TreeWalker.Seen;
import io.ppnode.node.scan.TreeWalker.Tree;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.FileEntry.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks an owner's project folder and brings the manifest up to date: new and changed files are
 * hashed (SHA-256 per chunk, and the file hash made of those; content-defined chunks sized by
 * {@link io.ppnode.node.chunk.ChunkSizing}), vanished ones become tombstones, and each change takes the next project sequence.
 * A file whose size, mtime and file key (device and inode, {@code BasicFileAttributes.fileKey()})
 * match what the manifest recorded is not re-read; one replaced by another file of the same size
 * and mtime is, and is published only if its content differs. ppnode's own {@code .ppnode/}
 * directory (which holds its temp files) is never indexed, nor is what the root's
 * {@code .ppignore} excludes ({@link IgnoreRules}); a published path that becomes ignored is
 * published as deleted. Symlinks are skipped.
 *
 * <p>Within one scan, tombstones take their sequences first, deepest path first, then new and
 * changed entries in path order, so that a member applying changes by sequence empties a
 * directory before removing it and creates a directory before its contents.
 */
public final class Scanner {
  private static final Logger log = LoggerFactory.getLogger(Scanner.class);
  /** Two readers keep a disk busy without letting a scan take over the machine. */
  private static final int HASH_THREADS = 2;
  /** Two scans of one project at once would hand out the same sequences twice. */
  private static final Map<String, ReentrantLock> PROJECT_LOCKS = new ConcurrentHashMap<>();

  private final EntrySigner signer;

  /** @param signer the owner's node key: every entry a scan publishes is signed with it */
  public Scanner(EntrySigner signer) {
    this.signer = signer;
  }

  /** Scans {@code project}; returns what changed. The manifest is updated in one transaction. */
  public Outcome scan(Manifest manifest, ProjectRecord project) {
    ReentrantLock lock = PROJECT_LOCKS.computeIfAbsent(project.id(), id -> new ReentrantLock());
    lock.lock();
    try {
      return scanLocked(manifest, project);
    } finally {
      lock.unlock();
    }
  }

  private Outcome scanLocked(Manifest manifest, ProjectRecord project) {
    // The caller's record may be stale; the manifest's sequence is the one to continue from.
    long sequence =
        manifest
            .project(project.id())
            .orElseThrow(() -> new ManifestException("no project with id " + project.id(), false, null))
            .sequence();
    Path root = project.root();
    // Without this check a missing or unmounted folder would turn every file into a tombstone.
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new UncheckedIOException(
          new IOException("the project folder " + root + " is missing or not a directory"));
    }
    IgnoreRules rules;
    try {
      rules = IgnoreRules.load(root);
    } catch (IOException e) {
      // Going on without the rules would publish what they are there to keep back.
      throw new UncheckedIOException("cannot read " + root.resolve(IgnoreRules.FILE_NAME) + ": " + e.getMessage(), e);
    }
    // What cannot be listed or read is reported in the tree, not thrown: see underUnreadable.
    Tree tree = TreeWalker.walk(root, rules);
    List<String> caseCollisions = CaseCollisions.removeFrom(tree.entries());
    // Metadata only, in one light query: a rescan with nothing changed costs about a stat per
    // file. Full entries (chunks) are read only for the files that are hashed again.
    Map<String, FileState> known = manifest.fileStates(project.id());
    // Keys to record: of files published now, and of files whose content turned out unchanged.
    Map<String, String> newKeys = new HashMap<>();

    List<FileEntry> changed = new ArrayList<>();
    List<Seen> toHash = new ArrayList<>();
    for (Seen s : tree.entries().values()) {
      FileState old = known.get(s.path());
      // An unsigned row (from a manifest older than signatures) is published again, signed.
      boolean live = old != null && !old.deleted() && old.kind() == s.kind() && old.mode() == s.mode()
          && old.signed();
      if (s.kind() == Kind.DIRECTORY) {
        // A directory's mtime moves whenever its contents do; publishing that would only churn.
        if (!live) {
          changed.add(new FileEntry(s.path(), Kind.DIRECTORY, 0, s.mtime(), s.mode(), null, 0, false, List.of()));
        }
      } else if (!(live && old.size() == s.size() && old.mtime() == s.mtime() && sameFile(liveKey(old), s))) {
        toHash.add(s);
      } else if (s.fileKey() != null && !s.fileKey().equals(liveKey(old))) {
        newKeys.put(s.path(), s.fileKey()); // a row from before keys were recorded: see Schema v8
      }
    }
    Map<String, FileEntry> previous = new HashMap<>();
    for (Seen s : toHash) {
      FileState old = known.get(s.path());
      if (old != null && !old.deleted() && old.kind() == Kind.FILE) {
        manifest.file(project.id(), s.path()).ifPresent(e -> previous.put(e.path(), e));
      }
    }
    long[] bytesHashed = {0};
    for (FileEntry fresh : hashAll(toHash, previous, bytesHashed)) {
      String key = tree.entries().get(fresh.path()).fileKey();
      if (key != null) {
        newKeys.put(fresh.path(), key);
      }
      // Another file with the same bytes (a copy put in place, a restore) changes nothing a
      // member holds: only its key is recorded.
      if (!sameContent(previous.get(fresh.path()), fresh)) {
        changed.add(fresh);
      }
    }

    List<FileEntry> deleted = new ArrayList<>();
    for (FileState old : known.values()) {
      if (!old.deleted() && !tree.entries().containsKey(old.path()) && !underUnreadable(old.path(), tree.unreadable())) {
        deleted.add(new FileEntry(old.path(), old.kind(), 0, old.mtime(), old.mode(), null, 0, true, List.of()));
      }
    }

    deleted.sort(Comparator.comparing(FileEntry::path).reversed());
    changed.sort(Comparator.comparing(FileEntry::path));
    List<FileEntry> out = new ArrayList<>(deleted.size() + changed.size());
    for (FileEntry e : deleted) {
      out.add(withSequence(e, ++sequence));
    }
    for (FileEntry e : changed) {
      out.add(withSequence(e, ++sequence));
    }
    out = signer.signAll(project.id(), out);
    if (!out.isEmpty() || !newKeys.isEmpty()) {
      manifest.putFiles(project.id(), out, sequence, newKeys);
    }
    log.debug("scanned {}: {} changed, {} deleted, {} bytes hashed, sequence {}",
        project.name(), changed.size(), deleted.size(), bytesHashed[0], sequence);
    return new Outcome(changed.size(), deleted.size(), bytesHashed[0], sequence, caseCollisions);
  }

  /** The key recorded for a live row; a tombstone's key means nothing. */
  private static String liveKey(FileState old) {
    return old == null || old.deleted() ? null : old.fileKey();
  }

  /**
   * Hashes on a small pool; each task holds one bounded buffer (a large file a few more,
   * {@link FileHasher#BUFFERS}), so memory stays flat.
   */
  private static List<FileEntry> hashAll(List<Seen> files, Map<String, FileEntry> known, long[] bytesHashed) {
    if (files.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = daemonPool("ppnode-hash-");
    // A large file's digests run beside its reading, on threads of their own: on the readers'
    // pool they could queue behind readers waiting for them.
    ExecutorService digests = daemonPool("ppnode-digest-");
    try {
      List<Future<Hashed>> futures = new ArrayList<>(files.size());
      for (Seen s : files) {
        ChunkSizing sizing = sizingFor(s, known.get(s.path()));
        futures.add(pool.submit(() -> FileHasher.hash(s.file(), s.size(), sizing, digests)));
      }
      List<FileEntry> out = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        Seen s = files.get(i);
        Hashed h;
        try {
          h = futures.get(i).get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            log.warn("cannot read {}, leaving it as it was: {}", s.path(), io.toString());
            continue;
          }
          throw new IllegalStateException("hashing " + s.path() + " failed", e.getCause());
        }
        bytesHashed[0] += h.bytesRead();
        if (unchangedSince(s, h)) {
          out.add(new FileEntry(s.path(), Kind.FILE, s.size(), s.mtime(), s.mode(), h.sha256(), 0, false, h.chunks()));
        } else {
          log.info("{} changed while being read; it will be picked up by the next scan", s.path());
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scan interrupted", e);
    } finally {
      pool.shutdownNow();
      digests.shutdownNow();
    }
  }

  private static ExecutorService daemonPool(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(HASH_THREADS, r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A rescanned file's previous chunks can hold it in its size class: see {@link ChunkSizing}. */
  private static ChunkSizing sizingFor(Seen s, FileEntry old) {
    if (old == null || old.deleted() || old.kind() != Kind.FILE) {
      return ChunkSizing.forFileSize(s.size());
    }
    return ChunkSizing.forFileSize(s.size(), old.size(), old.chunks().size());
  }

  /**
   * A hash is published only if the file looked the same before and after it was read: same size,
   * mtime and file key, so that a replacement with the same size and mtime is caught too.
   */
  private static boolean unchangedSince(Seen s, Hashed h) {
    if (h.bytesRead() != s.size()) {
      return false;
    }
    try {
      BasicFileAttributes now = Files.readAttributes(s.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return now.isRegularFile() && now.size() == s.size() && now.lastModifiedTime().toMillis() == s.mtime()
          && java.util.Objects.equals(TreeWalker.fileKey(now), s.fileKey());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether the walk saw the file the manifest's entry was read from. Without a recorded key (a
   * row from before keys) or a key from the file system (one that has none), size and mtime are
   * all there is to go by.
   */
  private static boolean sameFile(String recordedKey, Seen s) {
    return recordedKey == null || s.fileKey() == null || recordedKey.equals(s.fileKey());
  }

  /** Whether a fresh hash would publish exactly the live, signed entry already there. */
  private static boolean sameContent(FileEntry old, FileEntry fresh) {
    return old != null && !old.deleted() && old.kind() == Kind.FILE && old.signature() != null
        && old.size() == fresh.size() && old.mtime() == fresh.mtime() && old.mode() == fresh.mode()
        && old.sha256().equals(fresh.sha256()) && old.chunks().equals(fresh.chunks());
  }

  private static boolean underUnreadable(String path, List<String> unreadable) {
    for (String u : unreadable) {
      if (u.isEmpty() || path.equals(u) || path.startsWith(u + "/")) {
        return true;
      }
    }
    return false;
  }

  private static FileEntry withSequence(FileEntry e, long sequence) {
    return new FileEntry(e.path(), e.kind(), e.size(), e.mtime(), e.mode(), e.sha256(), sequence, e.deleted(), e.chunks());
  }

  /**
   * What one scan did.
   *
   * @param caseCollisions paths left out because they differ only by case from a published one
   */
  public record Outcome(int changed, int deleted, long bytesHashed, long sequence, List<String> caseCollisions) {
    /** A scan that left nothing out. */
    public Outcome(int changed, int deleted, long bytesHashed, long sequence) {
      this(changed, deleted, bytesHashed, sequence, List.of());
    }
  }
}
