package io.ppnode.cli;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress as a live bar on the terminal: bytes, files, rate and ETA. One bar per project. */
final class BarProgressView extends ProgressView {
  private static final int MIB = 1 << 20;

  private ProgressBar bar;
  private int files;

  BarProgressView(PrintStream err) {
    super(err);
  }

  @Override
  public synchronized void started(String project, int files, long bytes) {
    stopDisplay();
    this.files = files;
    bar =
        new ProgressBarBuilder()
            .setTaskName(project)
            .setInitialMax(Math.max(bytes, 1))
            .setUnit("MiB", MIB)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
            .setUpdateIntervalMillis(200)
            .setConsumer(new ConsoleProgressBarConsumer(err))
            .build();
    bar.setExtraMessage(" 0/" + files + " files");
  }

  @Override
  public synchronized void progress(int filesDone, long bytesDone) {
    if (bar != null) {
      bar.stepTo(bytesDone);
      bar.setExtraMessage(" " + filesDone + "/" + files + " files");
    }
  }

  @Override
  public synchronized void message(String line) {
    // Clear the bar's line first; the bar redraws itself below on its next tick.
    err.print("\r\033[K");
    err.println(line);
    err.flush();
  }

  @Override
  protected synchronized void stopDisplay() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
