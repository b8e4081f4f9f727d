package io.procpool.overhead;

import org.HdrHistogram.Histogram;

/**
 * One-in-flight noop round trips: submit, wait for the result, repeat.
 *
 * @param latency percentiles of the recorded round trips
 * @param warmup how many round trips ran before recording began
 * @param computeMicrosP50 median time inside the task as the worker measured it ({@code Outcome.micros})
 * @param nanos the recorded distribution, for the chart
 */
public record RoundTripFigures(LatencySummary latency, int warmup, double computeMicrosP50, Histogram nanos) {}
