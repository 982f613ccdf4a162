package io.ppnode.protocol;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The one gate every path from the wire passes before the model sees it. A wire path is
 * relative, '/'-separated and NFC-normalised, so that two peers on different file systems agree
 * on what names the same file, and so that no path can step outside the project folder.
 *
 * <p>Rejected: empty, absolute ({@code /x}), backslashes, {@code .} or {@code ..} segments, empty
 * segments ({@code a//b}), a trailing {@code /}, NUL and other control characters, strings that
 * are not in NFC, and paths longer than {@link Limits#MAX_PATH_BYTES} UTF-8 bytes.
 */
public final class WirePaths {
  private WirePaths() {}

  /**
   * The key under which a case-insensitive file system would see {@code path} as the same name:
   * upper case then lower case in the root locale, which folds as Unicode's full case folding
   * does for the names people use ({@code ß} and {@code SS} meet at {@code ss}). Two different
   * paths with one key collide (docs/protocol.md section 6).
   */
  public static String caseFold(String path) {
    return path.toUpperCase(java.util.Locale.ROOT).toLowerCase(java.util.Locale.ROOT);
  }

  /** Returns {@code path} unchanged if it is a canonical wire path; throws otherwise. */
  public static String check(String path) {
    if (path == null || path.isEmpty()) {
      throw bad("empty path", path);
    }
    // Bound the work before normalising or splitting: UTF-8 never has fewer bytes than chars.
    if (path.length() > Limits.MAX_PATH_BYTES
        || path.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_PATH_BYTES) {
      throw new ProtocolViolationException("path longer than " + Limits.MAX_PATH_BYTES + " bytes");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        throw bad("control character in path", path);
      }
      if (c == '\\') {
        // A Windows peer would read it as a separator; one spelling per name.
        throw bad("backslash in path", path);
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < path.length()
              && Character.isLowSurrogate(path.charAt(++i)))) {
        throw bad("unpaired surrogate in path", path);
      }
    }
    if (!Normalizer.isNormalized(path, Normalizer.Form.NFC)) {
      throw bad("path not in NFC", path);
    }
    if (path.charAt(0) == '/') {
      throw bad("absolute path", path);
    }
    // -1: keep the trailing empty segment so that "a/" is caught as an empty segment.
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        throw bad("empty path segment", path);
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw bad("dot segment in path", path);
      }
    }
    return path;
  }

  private static ProtocolViolationException bad(String why, String path) {
    // The path may hold control characters; quote it escaped so logs stay one line.
    return new ProtocolViolationException(why + ": " + escape(path));
  }

  private static String escape(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    s.codePoints()
        .limit(200)
        .forEach(
            cp -> {
              if (cp < 0x20 || cp == 0x7f || cp == '"' || cp == '\\') {
                b.append(String.format("\\u%04x", cp));
              } else {
                b.appendCodePoint(cp);
              }
            });
    return b.append('"').toString();
  }
}
