package io.procpool.overhead;

/**
 * Per-task cost of one mode and setting with every task submitted at once.
 *
 * @param mode serial, thread or process
 * @param chunksize tasks per request
 * @param inFlight requests each worker may hold (process mode; 0 otherwise)
 * @param tasks tasks per run
 * @param runs timed runs; the median is reported
 * @param microsPerTask median wall time of a run divided by its tasks
 */
public record ThroughputPoint(String mode, int chunksize, int inFlight, int tasks, int runs, double microsPerTask) {
  public double tasksPerSecond() {
    return 1_000_000.0 / microsPerTask;
  }
}
