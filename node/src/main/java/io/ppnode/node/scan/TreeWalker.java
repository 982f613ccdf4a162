package io.ppnode.node.scan;

import io.ppnode.protocol.FileEntry.Kind;
import io.ppnode.protocol.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One walk of a project folder: what is on disk now, by relative NFC path, without reading any
 * file's content. Symlinks are never followed nor listed, the root's {@code .ppnode}
 * directory is left out whatever the rules say, and so is what the project's
 * {@link IgnoreRules} exclude (an excluded directory is not entered). Paths that could not be examined are reported separately, so that the
 * scanner does not mistake "unreadable" for "deleted".
 */
final class TreeWalker {
  private static final Logger log = LoggerFactory.getLogger(TreeWalker.class);
  static final String PPNODE_DIR = ".ppnode";
  /** Common-pool threads that list directories beside the caller, at most. */
  private static final int WALK_HELPERS = 3;

  /**
   * A directory or regular file as the walk saw it; {@code fileKey} names the file on disk
   * (device and inode on Unix), or is null where the file system has no such thing.
   */
  record Seen(String path, Path file, Kind kind, long size, long mtime, int mode, String fileKey) {}

  /** What the walk found: entries by path, and paths whose subtree could not be read. */
  record Tree(Map<String, Seen> entries, List<String> unreadable) {}

  private TreeWalker() {}

  static Tree walk(Path root, IgnoreRules rules) {
    boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    Walk walk = new Walk(rules, posix);
    walk.queue(new Seen("", root, Kind.DIRECTORY, 0, 0, 0, null));
    // A stat is mostly kernel time that a second core halves: the calling thread lists
    // directories and so do up to WALK_HELPERS threads of the common pool beside it.
    int helpers = Math.min(WALK_HELPERS, ForkJoinPool.getCommonPoolParallelism());
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (int i = 0; i < helpers; i++) {
      running.add(CompletableFuture.runAsync(walk::work, ForkJoinPool.commonPool()));
    }
    walk.work();
    // Done means no directory is queued or being listed, so the entries are complete; a helper
    // the pool has not started yet is not needed any more (a cancelled one never runs).
    running.forEach(helper -> helper.cancel(false));
    Throwable failed = walk.failure.get();
    if (failed instanceof RuntimeException e) {
      throw e;
    } else if (failed instanceof Error e) {
      throw e;
    } else if (failed != null) {
      throw new IllegalStateException(failed);
    }
    return new Tree(walk.entries, new ArrayList<>(walk.unreadable));
  }

  /**
   * The state of one walk, shared by the threads that list its directories. Each entry costs
   * one {@code lstat}: POSIX attributes carry the size, mtime, file key and permissions at once,
   * where {@code Files.walkFileTree}'s basic attributes would need a second stat per file for
   * the permissions. Directories wait in a queue rather than in recursion, so a deep tree cannot
   * overflow a thread's stack; order does not matter, the scanner sorts what it publishes.
   */
  private static final class Walk {
    final IgnoreRules rules;
    final boolean posix;
    final Map<String, Seen> entries = new ConcurrentHashMap<>();
    final Queue<String> unreadable = new ConcurrentLinkedQueue<>();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final BlockingDeque<Seen> pending = new LinkedBlockingDeque<>();
    /** Directories queued or being listed: the walk is over when none are. */
    private final AtomicInteger outstanding = new AtomicInteger();

    Walk(IgnoreRules rules, boolean posix) {
      this.rules = rules;
      this.posix = posix;
    }

    void queue(Seen dir) {
      outstanding.incrementAndGet();
      pending.push(dir);
    }

    /** Lists queued directories until there are none left anywhere, or one thread failed. */
    void work() {
      while (outstanding.get() > 0 && failure.get() == null) {
        Seen dir;
        try {
          // Another thread may be listing the directory that holds the rest of the tree.
          dir = pending.poll(1, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure.compareAndSet(null, new IllegalStateException("interrupted while walking the project folder"));
          return;
        }
        if (dir == null) {
          continue;
        }
        try {
          list(dir);
        } catch (Throwable t) {
          // Recorded before the count drops: a walk must not look complete with a listing lost,
          // or the scanner would publish what it missed as deleted.
          failure.compareAndSet(null, t);
        } finally {
          outstanding.decrementAndGet();
        }
      }
    }

    /** Adds the entries of {@code dir} and queues its subdirectories. */
    private void list(Seen dir) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(dir.file())) {
        for (Path child : children) {
          visit(dir.path(), child);
        }
      } catch (IOException | DirectoryIteratorException e) {
        log.warn("cannot list all of {}, leaving it as it was: {}", dir.path(), e.toString());
        unreadable.add(dir.path());
      }
    }

    private void visit(String parent, Path p) {
      String name = Normalizer.normalize(p.getFileName().toString(), Normalizer.Form.NFC);
      // NFC of "a/b" is NFC(a) + "/" + NFC(b): '/' is a starter that composes with nothing.
      String rel = parent.isEmpty() ? name : parent + "/" + name;
      BasicFileAttributes attrs;
      try {
        attrs = posix
            ? Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            : Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        // Gone since the listing, or not ours to read: neither is a deletion to publish.
        log.warn("cannot read {}, leaving it as it was: {}", rel, e.toString());
        unreadable.add(rel);
        return;
      }
      if (attrs.isDirectory()) {
        if (rel.equals(PPNODE_DIR) || rules.excludes(rel, true)) {
          return;
        }
        Seen seen = add(p, rel, Kind.DIRECTORY, attrs);
        if (seen != null) {
          queue(seen);
        }
      } else if (rules.excludes(rel, false)) {
        log.trace("ignoring {}", rel);
      } else if (attrs.isSymbolicLink()) {
        log.debug("skipping symlink {}", rel);
      } else if (attrs.isRegularFile()) {
        add(p, rel, Kind.FILE, attrs);
      } else {
        log.debug("skipping {}: neither a regular file nor a directory", rel);
      }
    }

    /** Records {@code p}; null if it is left out (path too long, or a duplicate after NFC). */
    private Seen add(Path p, String rel, Kind kind, BasicFileAttributes attrs) {
      if (rel.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_PATH_BYTES) {
        log.warn("skipping {}...: path longer than {} bytes", rel.substring(0, 64), Limits.MAX_PATH_BYTES);
        return null;
      }
      int mode = attrs instanceof PosixFileAttributes posixAttrs
          ? mode(posixAttrs.permissions())
          : kind == Kind.DIRECTORY ? 0755 : 0644;
      Seen seen = new Seen(rel, p, kind, kind == Kind.DIRECTORY ? 0 : attrs.size(),
          attrs.lastModifiedTime().toMillis(), mode, fileKey(attrs));
      if (entries.putIfAbsent(rel, seen) != null) {
        // Two names on disk that differ only in Unicode normalisation map to one path.
        log.warn("skipping {}: another name normalises to the same path", p);
        return null;
      }
      return seen;
    }
  }

  /** The key as text, to be stored: equal keys give equal text (UnixFileKey prints dev and ino). */
  static String fileKey(BasicFileAttributes attrs) {
    Object key = attrs.fileKey();
    return key == null ? null : key.toString();
  }

  /** POSIX permissions as the usual octal bits, e.g. rw-r--r-- is 0644. */
  static int mode(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      // The enum runs OWNER_READ .. OTHERS_EXECUTE, i.e. from bit 8 down to bit 0.
      mode |= 1 << (8 - p.ordinal());
    }
    return mode;
  }
}
