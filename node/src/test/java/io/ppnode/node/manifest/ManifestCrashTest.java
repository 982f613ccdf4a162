package io.ppnode.node.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.Await;
import io.ppnode.protocol.FileEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of manifest writes: a child JVM ({@link CrashingWriter}) commits batches
 * of file and chunk rows as scan and pull do, and is killed at several points, each time once it
 * reported a given number of commits (so mostly inside the next transaction). After every kill
 * the manifest opens, and it is consistent: every batch is there whole or not at all, every
 * commit the writer saw return is there, the project sequence is the highest file sequence, and
 * no chunk row lacks its file.
 */
@Timeout(300)
class ManifestCrashTest {
  @TempDir Path home;

  @Test
  void aKilledWriterLeavesAManifestThatOpensAndIsConsistent() throws Exception {
    long committedBefore = -1;
    for (int commitsBeforeKill : new int[] {1, 3, 7, 2, 5}) {
      long committed = runAndKill(commitsBeforeKill);
      assertTrue(committed > committedBefore, "the writer went on from where it was killed");
      committedBefore = committed;
      checkConsistent(committed);
    }
  }

  /** Starts the writer, SIGKILLs it after {@code commits} more commits; returns the last one it saw. */
  private long runAndKill(int commits) throws Exception {
    Process p = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            CrashingWriter.class.getName(), home.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    AtomicLong seen = new AtomicLong();
    AtomicLong last = new AtomicLong(-1);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("COMMITTED ")) {
            last.set(Long.parseLong(line.substring(10)));
            seen.incrementAndGet();
          }
        }
      } catch (java.io.IOException e) {
        // The pipe breaks when the writer dies.
      }
    });
    reader.start();
    try {
      Await.until("the writer committed " + commits + " batches", Duration.ofSeconds(120), () -> seen.get() >= commits);
    } finally {
      // Process.destroyForcibly is SIGKILL on Linux: no shutdown hook, no H2 close.
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      reader.join();
    }
    assertEquals(137, p.exitValue(), "killed by SIGKILL (128 + 9)");
    return last.get();
  }

  private void checkConsistent(long lastReportedCommit) throws Exception {
    try (Manifest m = Manifest.open(home)) {
      List<FileEntry> files = m.files(CrashingWriter.PROJECT);
      Map<String, Integer> perBatch = new HashMap<>();
      long highest = 0;
      for (FileEntry f : files) {
        perBatch.merge(f.path().substring(0, f.path().indexOf('/')), 1, Integer::sum);
        highest = Math.max(highest, f.sequence());
        assertEquals(CrashingWriter.CHUNKS_PER_FILE, f.chunks().size(), f.path() + " has all its chunks");
      }
      perBatch.forEach((batch, n) -> assertEquals(CrashingWriter.FILES_PER_BATCH, n, batch + " is all or nothing"));
      for (long b = 0; b <= lastReportedCommit; b++) {
        assertTrue(perBatch.containsKey("b" + b), "batch " + b + " was committed before the kill and is there");
      }
      assertEquals(highest, m.project(CrashingWriter.PROJECT).orElseThrow().sequence(),
          "the project sequence is the highest file sequence");
    }
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + home.toAbsolutePath().resolve("manifest"), "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM chunks c LEFT JOIN files f"
            + " ON f.project_id = c.project_id AND f.path = c.path WHERE f.path IS NULL")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "no chunk row without its file");
    }
  }
}
