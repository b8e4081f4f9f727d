package io.procpool.report;

import io.procpool.run.Progress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A live progress bar (counts, rate, ETA) for as-completed runs on a terminal. */
public final class TerminalProgress implements Progress {
  private final ProgressBar bar;

  private TerminalProgress(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * A bar on a terminal, plain {@code 3/12 finished...} lines otherwise (logs, pipes, CI).
   *
   * @param label shown before the bar, e.g. the mode
   */
  public static Progress forStderr(String label, int total) {
    String term = System.getenv("TERM");
    boolean terminal = System.console() != null && term != null && !term.equals("dumb");
    if (!terminal) {
      return new PlainProgress(System.err);
    }
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(label)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUnit(" tasks", 1)
        .showSpeed()
        .setUpdateIntervalMillis(100)
        .build();
    return new TerminalProgress(bar);
  }

  @Override
  public void completed(int done, int total) {
    bar.stepTo(done);
  }

  @Override
  public void close() {
    bar.close();
  }
}
