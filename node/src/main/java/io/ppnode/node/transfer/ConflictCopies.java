package io.ppnode.node.transfer;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conflict copies in a member's project folder: local edits a pull moved aside as
 * {@code name.ppconflict-YYYYMMDD-HHMMSS.ext} (see {@link LocalFiles#keepAsConflict}), so that
 * {@code status} can show the user what is waiting to be looked at.
 *
 * <p>They are found by walking the folder when asked, not recorded when made: the folder is the
 * truth (a copy the user merged and deleted drops off the list, a copy renamed back is no longer
 * one), copies made before this was written are found too, and no manifest state can go stale.
 * The walk reads names and attributes only, never contents.
 */
public final class ConflictCopies {
  private static final Logger log = LoggerFactory.getLogger(ConflictCopies.class);
  /** A name, then the mark and stamp, then the extension and a "-N" tie-breaker if any. */
  private static final Pattern NAME =
      Pattern.compile(".+" + Pattern.quote(LocalFiles.CONFLICT_MARK) + "\\d{8}-\\d{6}(\\..*)?(-\\d+)?");

  private ConflictCopies() {}

  /** Whether a file name is one {@link LocalFiles#keepAsConflict} gives. */
  public static boolean isConflictCopy(String fileName) {
    return NAME.matcher(fileName).matches();
  }

  /**
   * The conflict copies under {@code root}, as sorted {@code /}-separated NFC paths relative to
   * it. ppnode's own {@code .ppnode/} is skipped and symlinks are not followed; what cannot be
   * read is passed over, since a listing must not fail a status.
   *
   * <p>{@code synced} tells the relative paths the manifest holds as files: a name among them that
   * is not a conflict copy's is passed over without a stat, since only a directory needs one (to be
   * entered). A status of 100,000 synced files then lists directories and stats nothing, where a
   * walk that stats every entry took 0.4 s; a synced file the user replaced by a directory is
   * not entered, and what it holds is no copy a pull made.
   */
  public static List<String> find(Path root, Predicate<String> synced) {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    Path own = root.resolve(".ppnode");
    Deque<Path> dirs = new ArrayDeque<>(List.of(root));
    while (!dirs.isEmpty()) {
      Path dir = dirs.pop();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path p : entries) {
          String name = p.getFileName().toString();
          boolean copy = isConflictCopy(name);
          if (!copy && synced.test(relative(root, p))) {
            continue;
          }
          BasicFileAttributes a = LocalFiles.stat(p);
          if (a == null) {
            continue; // gone since it was listed
          }
          if (copy && a.isRegularFile()) {
            out.add(relative(root, p));
          } else if (a.isDirectory() && !p.equals(own)) {
            dirs.push(p);
          }
        }
      } catch (IOException | DirectoryIteratorException e) {
        log.debug("cannot look in {} for conflict copies: {}", dir, e.toString());
      }
    }
    Collections.sort(out);
    return out;
  }

  private static String relative(Path root, Path p) {
    StringBuilder sb = new StringBuilder();
    for (Path name : root.relativize(p)) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(name);
    }
    return Normalizer.normalize(sb, Normalizer.Form.NFC);
  }
}
