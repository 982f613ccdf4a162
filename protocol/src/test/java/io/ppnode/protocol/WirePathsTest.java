package io.ppnode.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of non-canonical or escaping path is refused; ordinary ones pass unchanged. */
class WirePathsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"a", "a.txt", "docs/a.txt", "a/b/c/d", ".hidden", "a/..b", "...", "caf\u00e9",
          "\u6587\u4ef6/\ud83d\ude00.txt", "with space/x"})
  void acceptsCanonicalPaths(String path) {
    assertEquals(path, WirePaths.check(path));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // empty
        "/etc/passwd", // absolute
        "/", // absolute and empty
        "a\\b", // backslash
        "..", // dot-dot
        "../x", // escapes the project
        "a/../b", // dot-dot inside
        ".", // dot
        "a/./b", // dot inside
        "a//b", // empty segment
        "a/", // trailing slash
        "a\u0000b", // NUL
        "a\nb", // control character
        "a\u007fb", // DEL
        "a\u0085b", // C1 control
        "cafe\u0301", // NFD, not NFC
        "a\ud800b" // unpaired surrogate
      })
  void rejects(String path) {
    assertThrows(ProtocolViolationException.class, () -> WirePaths.check(path));
  }

  @org.junit.jupiter.api.Test
  void rejectsNull() {
    assertThrows(ProtocolViolationException.class, () -> WirePaths.check(null));
  }

  @org.junit.jupiter.api.Test
  void limitIsInUtf8BytesNotCharacters() {
    assertEquals(4096, WirePaths.check("a".repeat(Limits.MAX_PATH_BYTES)).length());
    assertThrows(
        ProtocolViolationException.class,
        () -> WirePaths.check("a".repeat(Limits.MAX_PATH_BYTES + 1)));
    // 2049 two-byte characters: 2049 chars but 4098 bytes.
    assertThrows(
        ProtocolViolationException.class,
        () -> WirePaths.check("\u00e9".repeat(Limits.MAX_PATH_BYTES / 2 + 1)));
  }
}
