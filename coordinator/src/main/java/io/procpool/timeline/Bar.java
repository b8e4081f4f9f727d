package io.procpool.timeline;

/**
 * One bar on a timeline lane, in milliseconds since the run started.
 *
 * @param lane the lane's index, 0 for the top lane
 * @param startMillis where it begins
 * @param endMillis where it ends
 * @param kind what it stands for
 * @param label a short text to print on it when it is wide enough ({@code #3} for task 3)
 */
public record Bar(int lane, double startMillis, double endMillis, Kind kind, String label) {
  /** What a bar stands for. */
  public enum Kind {
    /** A task's code running. */
    TASK,
    /** A task's code running and then failing. */
    FAILED_TASK,
    /** A worker JVM from spawn to its hello: the price of a process before any task runs. */
    STARTUP
  }

  public double lengthMillis() {
    return endMillis - startMillis;
  }
}
