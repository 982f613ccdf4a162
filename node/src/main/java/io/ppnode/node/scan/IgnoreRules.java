package io.ppnode.node.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The owner's {@code .ppignore}: gitignore-like patterns naming paths a scan does not publish.
 * One pattern a line; blank lines and lines starting with {@code #} say nothing; {@code *} and
 * {@code ?} match within one path segment, {@code [...]} is a character class ({@code [!...]}
 * negated), {@code **} spans segments (as {@code **}{@code /x}, {@code x/**} or
 * {@code a/**}{@code /b}); a leading {@code /} anchors a pattern to the project root, and so does
 * a {@code /} anywhere but at the end, while a pattern without one matches a name at any depth; a
 * trailing {@code /} matches directories only; {@code !} re-includes what an earlier pattern
 * excluded; {@code \} escapes the next character. The last pattern that matches a path decides.
 * As in git, a path inside an excluded directory cannot be re-included: the scan never enters it.
 *
 * <p>Each pattern becomes a {@link java.util.regex.Pattern} over the whole relative path; the
 * translation is the only matching code here.
 */
public final class IgnoreRules {
  /** The rules file, at the project root. Always published, whatever it says about itself. */
  public static final String FILE_NAME = ".ppignore";

  private static final IgnoreRules NONE = new IgnoreRules(List.of());

  private final List<Rule> rules;

  private IgnoreRules(List<Rule> rules) {
    this.rules = rules;
  }

  /** One pattern line: what it matches, whether it re-includes, whether only directories. */
  private record Rule(Pattern regex, boolean negated, boolean directoryOnly) {}

  /** The rules in {@code root/.ppignore}, none if there is no such file. */
  public static IgnoreRules load(Path root) throws IOException {
    Path file = root.resolve(FILE_NAME);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return NONE;
    }
    // Scanning without the rules would publish what they hide, so a file that cannot be used
    // as rules fails the scan instead.
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(FILE_NAME + " is not a regular file");
    }
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** Rules from the lines of a {@code .ppignore}. */
  public static IgnoreRules parse(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : lines) {
      String line = Normalizer.normalize(trimTrailingSpaces(raw), Normalizer.Form.NFC);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negated = line.startsWith("!");
      if (negated) {
        line = line.substring(1);
      }
      boolean directoryOnly = line.endsWith("/") && !line.endsWith("\\/");
      if (directoryOnly) {
        line = line.substring(0, line.length() - 1);
      }
      // A slash before the end anchors; otherwise the name may sit in any directory.
      boolean anchored = line.contains("/");
      if (line.startsWith("/")) {
        line = line.substring(1);
      }
      if (line.isEmpty()) {
        continue; // "/" or "!" alone names nothing
      }
      String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(line);
      rules.add(new Rule(Pattern.compile(regex), negated, directoryOnly));
    }
    return new IgnoreRules(List.copyOf(rules));
  }

  /**
   * Whether {@code path} (relative, {@code /}-separated, NFC) is left out of the index, either
   * itself or because a directory above it is.
   */
  public boolean ignored(String path, boolean directory) {
    if (path.equals(FILE_NAME)) {
      return false;
    }
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (excludes(path.substring(0, slash), true)) {
        return true;
      }
    }
    return excludes(path, directory);
  }

  /**
   * Whether the rules exclude {@code path} itself, its parents aside: what the walk asks, having
   * never entered an excluded directory.
   */
  boolean excludes(String path, boolean directory) {
    if (path.equals(FILE_NAME)) {
      return false;
    }
    for (int i = rules.size() - 1; i >= 0; i--) {
      Rule r = rules.get(i);
      if ((directory || !r.directoryOnly()) && r.regex().matcher(path).matches()) {
        return !r.negated();
      }
    }
    return false;
  }

  /** Trailing spaces go, as in git, unless the last one is escaped. */
  private static String trimTrailingSpaces(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      if (end >= 2 && s.charAt(end - 2) == '\\') {
        break;
      }
      end--;
    }
    return s.substring(0, end);
  }

  /** Translates one glob (no leading {@code /}) to a regex over the whole relative path. */
  static String globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    int n = glob.length();
    while (i < n) {
      char c = glob.charAt(i);
      if (c == '*' && glob.startsWith("**", i) && (i == 0 || glob.charAt(i - 1) == '/')
          && (i + 2 == n || glob.charAt(i + 2) == '/')) {
        if (i + 2 == n) {
          // "x/**": everything inside x; "**" alone: everything.
          re.append(".*");
          i += 2;
        } else {
          // "**/x" and "a/**/b": zero or more whole directories.
          re.append("(?:.*/)?");
          i += 3;
        }
      } else if (c == '*') {
        // Other runs of stars are one star, as in git.
        while (i < n && glob.charAt(i) == '*') {
          i++;
        }
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else if (c == '[') {
        int close = classEnd(glob, i);
        if (close < 0) {
          re.append("\\[");
          i++;
        } else {
          re.append(characterClass(glob.substring(i + 1, close)));
          i = close + 1;
        }
      } else if (c == '\\' && i + 1 < n) {
        re.append(literal(glob.charAt(i + 1)));
        i += 2;
      } else {
        re.append(literal(c));
        i++;
      }
    }
    return re.toString();
  }

  /** Index of the {@code ]} closing the class opened at {@code open}, or -1 if it is not closed. */
  private static int classEnd(String glob, int open) {
    int j = open + 1;
    if (j < glob.length() && (glob.charAt(j) == '!' || glob.charAt(j) == '^')) {
      j++;
    }
    // A ']' first in the class is a member, not its end.
    if (j < glob.length() && glob.charAt(j) == ']') {
      j++;
    }
    for (; j < glob.length(); j++) {
      if (glob.charAt(j) == '\\') {
        j++;
      } else if (glob.charAt(j) == ']') {
        return j;
      }
    }
    return -1;
  }

  /**
   * A glob class body as a Java class that, like every glob wildcard, never matches {@code /}: a
   * negated class lists {@code /} among what it refuses, a plain one is intersected with
   * "not {@code /}" (intersecting a negated one would negate the intersection, JDK 9 on).
   */
  private static String characterClass(String body) {
    boolean negated = !body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^');
    StringBuilder members = new StringBuilder();
    int first = negated ? 1 : 0;
    for (int j = first; j < body.length(); j++) {
      char c = body.charAt(j);
      if (c == '\\' && j + 1 < body.length()) {
        members.append(literal(body.charAt(++j)));
      } else if (c == '-' && j > first && j < body.length() - 1) {
        members.append('-'); // a range; a dash first or last is a member, as below
      } else {
        members.append(literal(c)); // '[', '&', '^' and a lone '-' included
      }
    }
    return negated ? "[^" + members + "/]" : "[" + members + "&&[^/]]";
  }

  /**
   * One character matched as itself. Only ASCII punctuation can mean something to a regex, and
   * escaping a letter could (backslash-d), so only that is escaped; surrogates pass untouched.
   */
  private static String literal(char c) {
    return c < 128 && !Character.isLetterOrDigit(c) && c != '/' ? "\\" + c : String.valueOf(c);
  }
}
