package io.procpool.report;

import io.procpool.run.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress as plain lines ({@code 3/12 finished...}), for logs and pipes: a line every tenth of
 * the run, and at least one a second while tasks keep finishing.
 */
public final class PlainProgress implements Progress {
  private final PrintStream out;
  private long lastLineNanos = System.nanoTime();
  private int lastShown;

  public PlainProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void completed(int done, int total) {
    int step = Math.max(1, total / 10);
    long now = System.nanoTime();
    // Told once per chunk: a line when a tenth is crossed, not only landed on.
    if (done == total || done / step > lastShown / step || now - lastLineNanos > 1_000_000_000L) {
      out.printf(Locale.ROOT, "%d/%d finished...%n", done, total);
      lastLineNanos = now;
      lastShown = done;
    }
  }
}
