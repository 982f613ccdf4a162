package io.ppnode.node.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLockTest {
  @TempDir Path home;

  @Test
  void secondProcessIsToldTheHomeIsInUse() throws Exception {
    Path abs = home.toAbsolutePath();
    try (Manifest first = Manifest.open(home)) {
      assertEquals(
          "LOCKED the node's home " + abs + " is in use by another ppnode process", probe());
    }
    // Once closed, another process may open it.
    assertEquals("OPENED", probe());
  }

  @Test
  void secondOpenInSameProcessIsRefused() {
    try (Manifest first = Manifest.open(home)) {
      ManifestException e = assertThrows(ManifestException.class, () -> Manifest.open(home));
      assertTrue(e.locked());
    }
    Manifest.open(home).close();
  }

  private String probe() throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockProbe.class.getName(),
                home.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
    // Only the last line: a logger binding may print its own lines first.
    String[] lines = out.strip().split("\\R");
    return lines[lines.length - 1];
  }
}
