package io.ppnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppnode.node.api.Results.ProjectStatus;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.api.Results.StatusResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Output formatting: units, tables, JSON, throttled progress lines. */
class RenderingTest {
  private static final PullResult PULL = new PullResult("demo", 120, 3, 1_288_490_189L, 0, 3.4, true);

  @Test
  void formatsBytes() {
    assertEquals("0 B", Units.bytes(0));
    assertEquals("1023 B", Units.bytes(1023));
    assertEquals("1.0 KiB", Units.bytes(1024));
    assertEquals("3.0 MiB", Units.bytes(3L << 20));
    assertEquals("1.2 GiB", Units.bytes(1_288_490_189L));
    assertEquals("512 GiB", Units.bytes(512L << 30));
  }

  @Test
  void tableAlignsColumns() {
    StringWriter text = new StringWriter();
    new Table("NAME", "FILES").row("demo", 7).row("longer-name", 120).print(new PrintWriter(text));
    assertEquals(
        String.join(
            System.lineSeparator(), "NAME         FILES", "demo             7", "longer-name    120", ""),
        text.toString());
  }

  @Test
  void pullJsonIsOneObjectWithSnakeCaseNames() throws Exception {
    StringWriter text = new StringWriter();
    PullResults.print(new PrintWriter(text), List.of(PULL), true);
    JsonNode json = new ObjectMapper().readTree(text.toString());
    assertTrue(json.isObject(), text.toString());
    assertTrue(json.get("in_sync").asBoolean());
    assertEquals(120, json.get("files_updated").asInt());
    assertEquals(3, json.get("files_deleted").asInt());
    assertEquals(1_288_490_189L, json.get("bytes_received").asLong());
  }

  private static final StatusResult STATUS = new StatusResult("NODE-1", "127.0.0.1:7070", false, List.of(
      new ProjectStatus("p1", "thesis", "member", "/home/u/thesis", 3, 30, 9, List.of("OWNER-1"), null,
          List.of("README.ppconflict-20240101-120000.txt", "ch/2.ppconflict-20240102-080000.tex")),
      new ProjectStatus("p2", "photos", "owner", "/home/u/photos", 1, 10, 2, List.of(), null, List.of())));

  @Test
  void statusTextListsEachJoinedProjectsConflictCopies() {
    StringWriter text = new StringWriter();
    StatusView.print(new PrintWriter(text), STATUS, false);
    List<String> lines = text.toString().lines().toList();
    assertTrue(lines.get(4).contains("CONFLICTS"), text.toString());
    int at = lines.indexOf("conflict copies in thesis (your edits, kept aside by a pull; merge, then delete them):");
    assertTrue(at > 0, text.toString());
    assertEquals(List.of("  README.ppconflict-20240101-120000.txt", "  ch/2.ppconflict-20240102-080000.tex"),
        lines.subList(at + 1, lines.size()));
    assertFalse(text.toString().contains("conflict copies in photos"), text.toString());
  }

  @Test
  void statusJsonCarriesConflictCopiesUnderASnakeCaseName() throws Exception {
    StringWriter text = new StringWriter();
    StatusView.print(new PrintWriter(text), STATUS, true);
    JsonNode projects = new ObjectMapper().readTree(text.toString()).get("projects");
    assertEquals("ch/2.ppconflict-20240102-080000.tex", projects.get(0).get("conflict_copies").get(1).asText());
    assertEquals(0, projects.get(1).get("conflict_copies").size());
  }

  @Test
  void statusFromAServingNodeThatSendsNoConflictCopiesStillPrints() {
    StringWriter text = new StringWriter();
    StatusView.print(new PrintWriter(text), new StatusResult("NODE-1", null, true, List.of(
        new ProjectStatus("p1", "thesis", "member", "/t", 0, 0, 0, List.of(), null, null))), false);
    assertFalse(text.toString().contains("conflict copies in"), text.toString());
  }

  @Test
  void severalPullsAreAnArray() throws Exception {
    StringWriter text = new StringWriter();
    PullResults.print(new PrintWriter(text), List.of(PULL, PULL), true);
    assertTrue(new ObjectMapper().readTree(text.toString()).isArray());
  }

  @Test
  void summaryLineSaysFilesSizeTimeAndRate() {
    assertEquals("pulled 120 files, 1.2 GiB in 3.4 s (361 MiB/s), deleted 3", ProgressView.summary(PULL));
  }

  /** What a {@link #lineView()} printed, and the clock it reads (JUnit makes both per test). */
  private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream();
  private final AtomicLong now = new AtomicLong();

  private LineProgressView lineView() {
    return new LineProgressView(new PrintStream(lineBytes, true, StandardCharsets.UTF_8), now::get);
  }

  private String[] lineOutput() {
    return lineBytes.toString(StandardCharsets.UTF_8).split("\\R");
  }

  @Test
  void lineProgressPrintsAtMostOneProgressLinePerSecond() {
    LineProgressView view = lineView();
    view.started("demo", 10, 10 << 20);
    for (int i = 1; i <= 10; i++) {
      view.progress(i, (long) i << 20);
      now.addAndGet(300_000_000L); // 0.3 s per update
    }
    view.finished(new PullResult("demo", 10, 0, 10 << 20, 0, 3.0, true));
    view.close();
    String[] lines = lineOutput();
    // started, progress at t=0, 1.2, 2.4 s, then the final line
    assertEquals(5, lines.length, String.join("\n", lines));
    assertEquals("demo: fetching 10 files, 10 MiB", lines[0]);
    assertTrue(lines[1].startsWith("demo: 1/10 files"), lines[1]);
    assertTrue(lines[4].startsWith("pulled 10 files, 10 MiB in 3.0 s"), lines[4]);
  }

  @Test
  void aLinesRateIsSinceTheLineBeforeNotSinceTheStart() {
    LineProgressView view = lineView();
    // The totals came late: 900 MiB were fetched before the view started.
    view.started("demo", 10, 1000L << 20);
    view.progress(9, 900L << 20);
    now.addAndGet(2_000_000_000L);
    view.progress(10, 1000L << 20);
    view.close();
    String[] lines = lineOutput();
    assertEquals("demo: 9/10 files, 900 MiB/1000 MiB (90%)", lines[1]);
    assertEquals("demo: 10/10 files, 1000 MiB/1000 MiB (100%), 50 MiB/s", lines[2]);
  }

  @Test
  void barProgressEndsWithTheSummaryLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (BarProgressView view =
        new BarProgressView(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
      view.started("demo", 2, 4 << 20);
      view.message("connected to 127.0.0.1:7070");
      view.progress(1, 2 << 20);
      view.progress(2, 4 << 20);
      view.finished(new PullResult("demo", 2, 0, 4 << 20, 0, 1.0, true));
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("connected to 127.0.0.1:7070"), text);
    assertTrue(text.strip().endsWith("pulled 2 files, 4.0 MiB in 1.0 s (4.0 MiB/s)"), text);
  }
}
