package io.procpool.overhead;

import io.procpool.process.WorkerStartup;
import java.util.List;

/**
 * Worker start-up, spawn to ready, over every worker of several pool starts.
 *
 * @param label what was started, e.g. whether from the class-data archive
 * @param samples how many workers were measured
 * @param p50Millis median spawn-to-ready
 * @param maxMillis slowest spawn-to-ready
 * @param jvmP50Millis median of the part before procpool's main ran (JVM start, plus the hello's transit)
 * @param initP50Millis median of procpool's own part, main to ready, as the worker measured it
 */
public record StartupFigures(String label, int samples, double p50Millis, double maxMillis, double jvmP50Millis,
    double initP50Millis) {

  public static StartupFigures of(String label, List<WorkerStartup> startups) {
    List<Double> spawnToReady = startups.stream().map(s -> s.spawnToReadyMicros() / 1000.0).toList();
    return new StartupFigures(label, startups.size(),
        Samples.median(spawnToReady),
        Samples.max(spawnToReady),
        Samples.median(startups.stream().map(s -> s.jvmMicros() / 1000.0).toList()),
        Samples.median(startups.stream().map(s -> s.initMicros() / 1000.0).toList()));
  }
}
