package io.ppnode.node.scan;

import io.ppnode.protocol.FileEntry.Kind;
import io.ppnode.protocol.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
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
    Map<String, Seen> entries = new LinkedHashMap<>();
    List<String> unreadable = new ArrayList<>();
    Files.walkFileTree(
        root,
        EnumSet.noneOf(java.nio.file.FileVisitOption.class),
        Integer.MAX_VALUE,
        new FileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
              return FileVisitResult.CONTINUE;
            }
            String rel = relative(root, dir);
            if (rel.equals(PPNODE_DIR) || rules.excludes(rel, true)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (!add(dir, rel, Kind.DIRECTORY, attrs)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String rel = relative(root, file);
            if (rules.excludes(rel, attrs.isDirectory())) {
              log.trace("ignoring {}", rel);
            } else if (attrs.isSymbolicLink()) {
              log.debug("skipping symlink {}", rel);
            } else if (attrs.isRegularFile()) {
              add(file, rel, Kind.FILE, attrs);
            } else {
              log.debug("skipping {}: neither a regular file nor a directory", rel);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            String rel = file.equals(root) ? "" : relative(root, file);
            log.warn("cannot read {}, leaving it as it was: {}", rel, e.toString());
            unreadable.add(rel);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
              String rel = dir.equals(root) ? "" : relative(root, dir);
              log.warn("cannot list all of {}, leaving it as it was: {}", rel, e.toString());
              unreadable.add(rel);
            }
            return FileVisitResult.CONTINUE;
          }

          private boolean add(Path p, String rel, Kind kind, BasicFileAttributes attrs) {
            if (rel.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_PATH_BYTES) {
              log.warn("skipping {}...: path longer than {} bytes", rel.substring(0, 64), Limits.MAX_PATH_BYTES);
              return false;
            }
            if (entries.containsKey(rel)) {
              // Two names on disk that differ only in Unicode normalisation map to one path.
              log.warn("skipping {}: another name normalises to the same path", p);
              return false;
            }
            int mode = kind == Kind.DIRECTORY ? 0755 : 0644;
            if (posix) {
              try {
                mode = mode(Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).permissions());
              } catch (IOException e) {
                log.warn("cannot read the permissions of {}, using {}: {}", rel, Integer.toOctalString(mode), e.toString());
              }
            }
            entries.put(rel, new Seen(rel, p, kind, kind == Kind.DIRECTORY ? 0 : attrs.size(),
                attrs.lastModifiedTime().toMillis(), mode, fileKey(attrs)));
            return true;
          }
        });
    return new Tree(entries, unreadable);
  }

  /** The key as text, to be stored: equal keys give equal text (UnixFileKey prints dev and ino). */
  static String fileKey(BasicFileAttributes attrs) {
    Object key = attrs.fileKey();
    return key == null ? null : key.toString();
  }

  /** Relative, '/'-separated and NFC, whatever the platform's separator and normalisation. */
  static String relative(Path root, Path p) {
    Path rel = root.relativize(p);
    StringBuilder sb = new StringBuilder();
    for (Path name : rel) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(name.toString());
    }
    return Normalizer.normalize(sb, Normalizer.Form.NFC);
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
