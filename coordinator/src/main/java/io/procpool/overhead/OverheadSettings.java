package io.procpool.overhead;

import java.util.List;

/**
 * How much {@code overhead} measures.
 *
 * @param workers worker processes (and threads) per pool
 * @param tasks noop tasks per throughput run
 * @param roundTrips recorded one-in-flight round trips (after as many again for warm-up)
 * @param starts extra pool starts for the start-up figures, with and without the archive each
 * @param repeats how often each throughput and payload run is repeated; the median is kept
 */
public record OverheadSettings(int workers, int tasks, int roundTrips, int starts, int repeats) {
  public static final List<Integer> CHUNKSIZES = List.of(1, 10, 100, 1000);
  public static final List<Integer> IN_FLIGHTS = List.of(1, 2, 8, 64);
  public static final List<Integer> PAYLOAD_BYTES = List.of(0, 1 << 10, 64 << 10, 1 << 20);
  /** Bytes of payload per payload run, so that large payloads are not repeated thousands of times. */
  static final long PAYLOAD_BUDGET_BYTES = 128L << 20;

  public OverheadSettings {
    if (workers < 1 || tasks < 1 || roundTrips < 1 || starts < 0 || repeats < 1) {
      throw new IllegalArgumentException("overhead settings out of range: " + this);
    }
  }

  /** Round trips run and thrown away first, so both JVMs have compiled the path being timed. */
  int warmupRoundTrips() {
    return Math.max(200, roundTrips);
  }

  /** Payload outstanding at once in a payload run: enough to keep every worker busy. */
  static final long PAYLOAD_WINDOW_BYTES = 32L << 20;

  /** Most echo tasks outstanding at once for a payload of this size. */
  int payloadWindow(int bytes) {
    return (int) Math.max(4L * workers, Math.min(Integer.MAX_VALUE, PAYLOAD_WINDOW_BYTES / Math.max(1, bytes)));
  }

  /** How many echo tasks one payload run sends for a payload of this size. */
  int payloadTasks(int bytes) {
    long byBudget = PAYLOAD_BUDGET_BYTES / Math.max(1, bytes);
    return (int) Math.max(8, Math.min(tasks, byBudget));
  }
}
