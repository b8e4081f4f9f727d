package io.procpool.sweep;

/**
 * The worker counts a sweep visits: {@code 1..4}, or {@code 4} for the same.
 *
 * @param from the first count, at least 1
 * @param to the last count, at least {@code from}
 */
public record WorkerRange(int from, int to) {
  public WorkerRange {
    if (from < 1 || to < from) {
      throw new IllegalArgumentException("a worker range needs 1 <= FROM <= TO, was " + from + ".." + to);
    }
  }

  /** Parses {@code A..B} or {@code N} (meaning {@code 1..N}). */
  public static WorkerRange parse(String text) {
    String trimmed = text.trim();
    try {
      int dots = trimmed.indexOf("..");
      if (dots < 0) {
        return new WorkerRange(1, Integer.parseInt(trimmed));
      }
      return new WorkerRange(Integer.parseInt(trimmed.substring(0, dots).trim()),
          Integer.parseInt(trimmed.substring(dots + 2).trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a worker range; use e.g. 1..4 or 4");
    }
  }

  public int count() {
    return to - from + 1;
  }

  @Override
  public String toString() {
    return from + ".." + to;
  }
}
