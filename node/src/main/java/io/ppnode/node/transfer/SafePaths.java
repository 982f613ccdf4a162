package io.ppnode.node.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a member may write: a path from the owner's index resolved under the project root, with
 * no symbolic link on the way. The decoder already refuses absolute paths, {@code ..}, NUL and
 * non-NFC names; this is the member's own check against a link inside its project dir (say
 * {@code a -> /tmp/outside}) that would carry a write, a mkdir or a delete out of the project.
 * The last component may be a link: it is replaced or moved aside, never written through.
 */
public final class SafePaths {
  private SafePaths() {}

  /**
   * {@code root.resolve(relPath)}, after checking that it stays under {@code root} and that no
   * existing directory between them is a symbolic link.
   *
   * @throws IOException naming the offending component if either check fails
   */
  public static Path resolveInside(Path root, String relPath) throws IOException {
    Path rel = root.getFileSystem().getPath(relPath);
    Path target = root.resolve(rel).normalize();
    if (rel.isAbsolute() || !target.startsWith(root) || target.equals(root)) {
      throw new IOException("refusing path outside the project: " + relPath);
    }
    Path at = root;
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      at = at.resolve(rel.getName(i));
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        // Nothing below a missing directory can be a link yet; it will be created as a directory.
        return target;
      }
      if (a.isSymbolicLink()) {
        throw new IOException("refusing to write " + relPath + " through the symbolic link " + root.relativize(at));
      }
    }
    return target;
  }
}
