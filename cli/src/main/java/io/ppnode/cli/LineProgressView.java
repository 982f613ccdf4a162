package io.ppnode.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines for logs and pipes: at most one progress line per second, so a long
 * transfer leaves a readable record instead of thousands of updates.
 */
final class LineProgressView extends ProgressView {
  private static final long INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

  private final LongSupplier nanoClock;
  private String project = "";
  private int files;
  private long bytes;
  private long startedAt;
  private long lastLineAt;
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
    this.startedAt = nanoClock.getAsLong();
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
    anyLine = true;
    lastLineAt = now;
    double seconds = (now - startedAt) / 1e9;
    err.printf(
        Locale.ROOT,
        "%s: %d/%d files, %s/%s (%d%%), %s%n",
        project,
        filesDone,
        files,
        Units.bytes(bytesDone),
        Units.bytes(bytes),
        bytes > 0 ? Math.min(100, bytesDone * 100 / bytes) : 100,
        Units.rate(bytesDone, seconds));
    err.flush();
  }

  @Override
  public synchronized void message(String line) {
    err.println(line);
    err.flush();
  }
}
