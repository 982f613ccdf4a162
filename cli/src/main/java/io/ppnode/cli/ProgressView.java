package io.ppnode.cli;

import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.api.Results.PullResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows {@code join}/{@code pull} progress on stderr: a progress bar when a person is watching a
 * terminal, plain throttled lines when the output goes to a log. Rendering only; the node
 * decides what happens.
 */
abstract class ProgressView implements ProgressListener, AutoCloseable {
  protected final PrintStream err;

  ProgressView(PrintStream err) {
    this.err = err;
  }

  /** A bar if there is a terminal to draw it on, else plain lines. */
  static ProgressView onStderr() {
    return System.console() != null
        ? new BarProgressView(System.err)
        : new LineProgressView(System.err, System::nanoTime);
  }

  /** Ends the display of one project's transfer with its summary line. */
  synchronized void finished(PullResult result) {
    stopDisplay();
    err.println(summary(result));
    err.flush();
  }

  /** Removes whatever is still drawn (a bar), so the next line starts clean. */
  protected void stopDisplay() {}

  @Override
  public void close() {
    stopDisplay();
    err.flush();
  }

  static String summary(PullResult result) {
    String line =
        String.format(
            Locale.ROOT,
            "pulled %d %s, %s in %s (%s)",
            result.filesUpdated(),
            result.filesUpdated() == 1 ? "file" : "files",
            Units.bytes(result.bytesReceived()),
            Units.seconds(result.seconds()),
            Units.rate(result.bytesReceived(), result.seconds()));
    if (result.filesDeleted() > 0) {
      line += ", deleted " + result.filesDeleted();
    }
    return result.inSync() ? line : line + ", not yet in sync";
  }
}
