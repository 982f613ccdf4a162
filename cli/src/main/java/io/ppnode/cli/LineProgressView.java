package io.ppnode.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines for logs and pipes: at most one progress line per second, so a long
 * transfer leaves a readable record instead of thousands of updates. The rate on a line is the
 * rate since the line before: a pull learns its totals only from the index's last page, when
 * much may be fetched already, so a rate since {@link #started} would be far too high.
 */
final class LineProgressView extends ProgressView {
  private static final long INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

  private final LongSupplier nanoClock;
  private String project = "";
  private int files;
  private long bytes;
  private long lastLineAt;
  private long lastLineBytes;
  private boolean anyLine;

  LineProgressView(PrintStream err, LongSupplier nanoClock) {
    super(err);
    this.nanoClock = nanoClock;
  }

  @Override
  public synchronized void started(String project, int files, long bytes) {
    this.project = project;
    this.files = files;
    this.bytes = bytes;
    this.anyLine = false;
    err.printf(
        Locale.ROOT, "%s: fetching %d files, %s%n", project, files, Units.bytes(bytes));
    err.flush();
  }

  @Override
  public synchronized void progress(int filesDone, long bytesDone) {
    long now = nanoClock.getAsLong();
    if (anyLine && now - lastLineAt < INTERVAL_NANOS) {
      return;
    }
    String rate = anyLine && now > lastLineAt
        ? ", " + Units.rate(bytesDone - lastLineBytes, (now - lastLineAt) / 1e9)
        : "";
    anyLine = true;
    lastLineAt = now;
    lastLineBytes = bytesDone;
    err.printf(
        Locale.ROOT,
        "%s: %d/%d files, %s/%s (%d%%)%s%n",
        project,
        filesDone,
        files,
        Units.bytes(bytesDone),
        Units.bytes(bytes),
        bytes > 0 ? Math.min(100, bytesDone * 100 / bytes) : 100,
        rate);
    err.flush();
  }

  @Override
  public synchronized void message(String line) {
    err.println(line);
    err.flush();
  }
}
