package io.procpool.overhead;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency distribution, in microseconds.
 *
 * @param samples how many values were recorded
 */
public record LatencySummary(long samples, double p50, double p90, double p99, double max) {

  /** Summarises a histogram recorded in nanoseconds. */
  public static LatencySummary ofNanos(Histogram nanos) {
    return new LatencySummary(nanos.getTotalCount(),
        micros(nanos.getValueAtPercentile(50)),
        micros(nanos.getValueAtPercentile(90)),
        micros(nanos.getValueAtPercentile(99)),
        micros(nanos.getMaxValue()));
  }

  /** A histogram for nanosecond latencies up to a minute, at 3 significant digits. */
  public static Histogram newNanosHistogram() {
    return new Histogram(60_000_000_000L, 3);
  }

  private static double micros(long nanos) {
    return nanos / 1000.0;
  }
}
