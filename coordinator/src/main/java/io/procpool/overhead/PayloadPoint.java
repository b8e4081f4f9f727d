package io.procpool.overhead;

/**
 * Echo of a string argument through a worker and back.
 *
 * @param bytes the argument's size (ASCII, so bytes and characters agree); it crosses the pipe twice
 * @param tasks echo tasks per run
 * @param runs timed runs; the median is reported
 * @param microsPerTask median wall time of a run divided by its tasks
 */
public record PayloadPoint(int bytes, int tasks, int runs, double microsPerTask) {
  private static final double MIB = 1 << 20;

  /** Argument bytes echoed per second, counted once per task. */
  public double mibPerSecond() {
    return bytes / MIB / (microsPerTask / 1_000_000.0);
  }
}
