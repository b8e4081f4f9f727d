package io.procpool.overhead;

import io.procpool.pool.TaskPool;
import io.procpool.report.StreamingRunJson;
import io.procpool.run.Progress;
import io.procpool.run.RunReport;
import io.procpool.run.RunSettings;
import io.procpool.run.Runner;
import io.procpool.run.Style;
import io.procpool.run.Workload;
import io.procpool.task.TaskRegistry;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code run} itself costs per task on top of its pool: the records, their order, the
 * counts and {@code --json} streaming (to a discarding stream). Measured as {@code run} of noop
 * on a serial pool at chunksize 1000, warmed up, beside the serial pool's own figure, so that a
 * regression in run's bookkeeping shows in {@code overhead} and cannot come back unseen.
 */
final class RunCostProbe {
  static final String MODE = "run";
  static final int CHUNKSIZE = 1000;

  private RunCostProbe() {}

  /** The median per-task time of whole runs, as a throughput point of mode {@code run}. */
  static ThroughputPoint measure(TaskRegistry registry, int tasks, int repeats) {
    Workload workload = Workload.generate(registry.get("noop"), tasks, 1, 0, 0);
    RunSettings settings = new RunSettings(Style.MAP, CHUNKSIZE, /* keepResults= */ false, /* failFast= */ false);
    for (long done = 0; done < Batches.WARMUP_TASKS * 4L; done += tasks) {
      once(registry, workload, settings);
    }
    List<Double> micros = new ArrayList<>(repeats);
    for (int i = 0; i < repeats; i++) {
      micros.add(once(registry, workload, settings) / 1000.0);
    }
    return new ThroughputPoint(MODE, CHUNKSIZE, 0, tasks, repeats, Samples.median(micros) / tasks);
  }

  private static long once(TaskRegistry registry, Workload workload, RunSettings settings) {
    long start = System.nanoTime();
    StreamingRunJson json = new StreamingRunJson(OutputStream.nullOutputStream(), "serial", 1, workload.count(),
        workload.task());
    RunReport report = new Runner(() -> TaskPool.serial(registry), settings, Progress.NONE, json).run(workload);
    json.finish(report);
    if (report.completed() != workload.count()) {
      throw new IllegalStateException("run of noop failed: " + report.failed() + " failed");
    }
    return System.nanoTime() - start;
  }
}
