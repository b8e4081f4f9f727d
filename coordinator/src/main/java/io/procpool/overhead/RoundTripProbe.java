package io.procpool.overhead;

import io.procpool.pool.Execution;
import io.procpool.process.ProcessPool;
import org.HdrHistogram.Histogram;

/** Times noop round trips with exactly one request in flight, after a warm-up. */
final class RoundTripProbe {
  private RoundTripProbe() {}

  static RoundTripFigures measure(ProcessPool pool, int warmup, int samples) {
    for (int i = 0; i < warmup; i++) {
      roundTrip(pool, i);
    }
    Histogram nanos = LatencySummary.newNanosHistogram();
    Histogram computeMicros = new Histogram(3);
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      Execution execution = roundTrip(pool, i);
      nanos.recordValue(System.nanoTime() - start);
      computeMicros.recordValue(execution.micros());
    }
    return new RoundTripFigures(LatencySummary.ofNanos(nanos), warmup,
        computeMicros.getValueAtPercentile(50), nanos);
  }

  private static Execution roundTrip(ProcessPool pool, long argument) {
    Execution execution = pool.execute("noop", argument).join();
    if (execution.failed()) {
      throw new IllegalStateException("noop failed in a worker: " + execution.failure().message());
    }
    return execution;
  }
}
