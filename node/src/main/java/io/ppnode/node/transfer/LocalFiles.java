package io.ppnode.node.transfer;

import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the member knows of its own copy of a file, and the careful moves that keep local work:
 * conflict copies instead of overwrites, atomic renames, owner mtime and mode applied.
 */
final class LocalFiles {
  private static final DateTimeFormatter CONFLICT_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  /** Starts the stamp of a conflict copy's name; {@link ConflictCopies} looks for it. */
  static final String CONFLICT_MARK = ".ppconflict-";

  private LocalFiles() {}

  /** The local file's attributes, or null if there is no regular file (a symlink is not followed). */
  static BasicFileAttributes stat(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a;
    } catch (IOException e) {
      return null;
    }
  }

  /** True if the local file is exactly what the member last applied for this path (size and mtime). */
  static boolean unchangedSince(BasicFileAttributes local, FileEntry applied) {
    return local != null && local.isRegularFile() && applied != null && !applied.deleted()
        && applied.kind() == FileEntry.Kind.FILE
        && local.size() == applied.size() && local.lastModifiedTime().toMillis() == applied.mtime();
  }

  /** Moves a locally edited file aside as {@code name.ppconflict-YYYYMMDD-HHMMSS.ext}; returns the new path. */
  static Path keepAsConflict(Path p) throws IOException {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stamp = CONFLICT_MARK + LocalDateTime.now().format(CONFLICT_STAMP);
    String copy = dot > 0 ? name.substring(0, dot) + stamp + name.substring(dot) : name + stamp;
    Path target = p.resolveSibling(copy);
    for (int i = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); i++) {
      target = p.resolveSibling(copy + "-" + i);
    }
    Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /** Renames a verified temp file into place and gives it the owner's mtime and mode. */
  static void install(Path temp, Path target, FileEntry entry) throws IOException {
    applyMode(temp, entry.mode());
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(target, FileTime.fromMillis(entry.mtime()));
  }

  static void applyMode(Path p, int mode) {
    try {
      Files.setPosixFilePermissions(p, permissions(mode));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX filesystem: the owner's mode cannot be expressed; the content is what matters.
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        s.add(bits[i]);
      }
    }
    // The member must always be able to read and replace its own copy.
    s.add(PosixFilePermission.OWNER_READ);
    s.add(PosixFilePermission.OWNER_WRITE);
    return s;
  }
}
