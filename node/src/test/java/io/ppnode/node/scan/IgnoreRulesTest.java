package io.ppnode.node.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The {@code .ppignore} language against a table of rules, path, kind and verdict. Rules are one
 * {@code .ppignore} with lines separated by {@code ;}; kind is f (file) or d (directory). Cases
 * follow gitignore(5), so that a user's git habits carry over.
 */
class IgnoreRulesTest {
  @ParameterizedTest(name = "[{0}] {1} ({2}) -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      # a name without a slash matches at any depth
      *.log                     | a.log             | f | true
      *.log                     | deep/dir/a.log    | f | true
      *.log                     | a.logx            | f | false
      *.log                     | dir.log/x.txt     | f | true
      build                     | build             | f | true
      build                     | src/build/out.o   | f | true
      # a trailing slash: directories only
      build/                    | build             | d | true
      build/                    | build             | f | false
      build/                    | src/build/out.o   | f | true
      # a leading slash, or one in the middle, anchors to the root
      /build                    | build             | d | true
      /build                    | src/build         | d | false
      doc/*.txt                 | doc/a.txt         | f | true
      doc/*.txt                 | doc/sub/a.txt     | f | false
      doc/*.txt                 | x/doc/a.txt       | f | false
      # * and ? stay within one segment
      a?c                       | abc               | f | true
      a?c                       | ac                | f | false
      a?c                       | a/c               | f | false
      /a*c                      | a/x/c             | f | false
      a***c                     | abbc              | f | true
      *                         | any/deep/path     | f | true
      # ** spans directories
      **/logs                   | logs              | d | true
      **/logs                   | x/y/logs          | d | true
      **/logs/*.txt             | x/logs/a.txt      | f | true
      a/**/b                    | a/b               | f | true
      a/**/b                    | a/x/y/b           | f | true
      a/**/b                    | ab                | f | false
      a/**/b                    | x/a/b             | f | false
      cache/**                  | cache             | d | false
      cache/**                  | cache/x/y         | f | true
      **                        | x                 | f | true
      # character classes, which never match a slash
      [abc].txt                 | b.txt             | f | true
      [abc].txt                 | d.txt             | f | false
      [a-c]x                    | bx                | f | true
      [!a-c]x                   | dx                | f | true
      [!a-c]x                   | ax                | f | false
      [^a-c]x                   | ax                | f | false
      /a[!b]c                   | a/c               | f | false
      /a[/]c                    | a/c               | f | false
      []]x                      | ]x                | f | true
      [a-]x                     | -x                | f | true
      [&&]x                     | &x                | f | true
      foo[bar                   | foo[bar           | f | true
      # ! re-includes; the last match decides
      *.log;!keep.log           | keep.log          | f | false
      *.log;!keep.log           | other.log         | f | true
      !keep.log;*.log           | keep.log          | f | true
      logs/*;!logs/keep.txt     | logs/keep.txt     | f | false
      logs/*;!logs/keep.txt     | logs/drop.txt     | f | true
      # ... but not inside an excluded directory, as in git
      logs/;!logs/keep.txt      | logs/keep.txt     | f | true
      # comments, escapes, trailing spaces
      '#comment'                | '#comment'        | f | false
      '\\#hash'                 | '#hash'           | f | true
      '\\!bang'                 | '!bang'           | f | true
      'trailing   '             | trailing          | f | true
      'space\\ '                | 'space '          | f | true
      'a\\*b'                   | a*b               | f | true
      'a\\*b'                   | axb               | f | false
      # regex characters are themselves; matching is case-sensitive
      a+b(c)$.txt               | a+b(c)$.txt       | f | true
      a+b(c)$.txt               | aab(c)$.txt       | f | false
      a.txt                     | abtxt             | f | false
      *.TXT                     | a.txt             | f | false
      # .ppignore itself is always published
      .*                        | .ppignore         | f | false
      .ppignore                 | .ppignore         | f | false
      .*                        | .hidden           | f | true
      .*                        | sub/.ppignore     | f | true
      """)
  void table(String rules, String path, String kind, boolean expected) {
    IgnoreRules r = IgnoreRules.parse(Arrays.asList(rules.split(";", -1)));
    assertEquals(expected, r.ignored(path, kind.equals("d")));
  }

  @Test
  void blankLinesAndCommentsIgnoreNothing() {
    IgnoreRules r = IgnoreRules.parse(List.of("", "   ", "\t", "# *", "/", "!"));
    for (String p : List.of("a", "b/c", "#", " ")) {
      assertFalse(r.ignored(p, false), p);
      assertFalse(r.ignored(p, true), p);
    }
  }

  @Test
  void patternsAreComparedInNfcLikePaths() {
    String nfd = Normalizer.normalize("café", Normalizer.Form.NFD);
    String nfc = Normalizer.normalize("café", Normalizer.Form.NFC);
    assertTrue(IgnoreRules.parse(List.of(nfd)).ignored("dir/" + nfc, false));
  }

  @Test
  void nonAsciiAndSupplementaryCharactersMatchThemselves() {
    IgnoreRules r = IgnoreRules.parse(List.of("ü€😀?.txt", "[😀x]y"));
    assertTrue(r.ignored("ü€😀a.txt", false));
    assertFalse(r.ignored("ü€😁a.txt", false));
    assertTrue(r.ignored("xy", false));
  }

  @Test
  void excludesLooksAtThePathAloneForAWalkThatPrunedItsParents() {
    IgnoreRules r = IgnoreRules.parse(List.of("logs/"));
    assertTrue(r.excludes("logs", true));
    assertFalse(r.excludes("logs/a.txt", false));
    assertTrue(r.ignored("logs/a.txt", false));
  }
}
