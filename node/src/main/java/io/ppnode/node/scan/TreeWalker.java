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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * A directory or regular file as the walk saw it; {@code fileKey} names the file on disk
   * (device and inode on Unix), or is null where the file system has no such thing.
   */
  record Seen(String path, Path file, Kind kind, long size, long mtime, int mode, String fileKey) {}

  /** What the walk found: entries by path, and paths whose subtree could not be read. */
  record Tree(Map<String, Seen> entries, List<String> unreadable) {}

  private TreeWalker() {}

  static Tree walk(Path root, IgnoreRules rules) throws IOException {
    boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    Walk walk = new Walk(rules, posix);
    // Directories wait on a stack rather than in recursion: a deep tree cannot overflow a
    // thread's stack. Order does not matter, the scanner sorts what it publishes.
    Deque<Seen> pending = new ArrayDeque<>();
    pending.push(new Seen("", root, Kind.DIRECTORY, 0, 0, 0, null));
    while (!pending.isEmpty()) {
      walk.list(pending.pop(), pending);
    }
    return new Tree(walk.entries, walk.unreadable);
  }

  /**
   * The state of one walk. Each entry costs one {@code lstat}: POSIX attributes carry the size,
   * mtime, file key and permissions at once, where {@code Files.walkFileTree}'s basic
   * attributes would need a second stat per file for the permissions.
   */
  private static final class Walk {
    final IgnoreRules rules;
    final boolean posix;
    final Map<String, Seen> entries = new LinkedHashMap<>();
    final List<String> unreadable = new ArrayList<>();

    Walk(IgnoreRules rules, boolean posix) {
      this.rules = rules;
      this.posix = posix;
    }

    /** Adds the entries of {@code dir} and pushes its subdirectories onto {@code pending}. */
    void list(Seen dir, Deque<Seen> pending) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(dir.file())) {
        for (Path child : children) {
          visit(dir.path(), child, pending);
        }
      } catch (IOException | DirectoryIteratorException e) {
        log.warn("cannot list all of {}, leaving it as it was: {}", dir.path(), e.toString());
        unreadable.add(dir.path());
      }
    }

    private void visit(String parent, Path p, Deque<Seen> pending) {
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
          pending.push(seen);
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
      if (entries.containsKey(rel)) {
        // Two names on disk that differ only in Unicode normalisation map to one path.
        log.warn("skipping {}: another name normalises to the same path", p);
        return null;
      }
      int mode = attrs instanceof PosixFileAttributes posixAttrs
          ? mode(posixAttrs.permissions())
          : kind == Kind.DIRECTORY ? 0755 : 0644;
      Seen seen = new Seen(rel, p, kind, kind == Kind.DIRECTORY ? 0 : attrs.size(),
          attrs.lastModifiedTime().toMillis(), mode, fileKey(attrs));
      entries.put(rel, seen);
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
