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
 * What {@code run} itself costs per task on top of its pool: the outcomes kept, their order, the
 * counts, inside its wall time; and apart, writing the records ({@code --json} to a discarding
 * stream) after the clock stops. Measured as {@code run} of noop on a serial pool at chunksize
 * 1000, warmed up, beside the serial pool's own figure, so that a regression in run's bookkeeping
 * shows in {@code overhead} and cannot come back unseen.
 */
final class RunCostProbe {
  static final String MODE = "run";
  /** The points of the records' writing, after the wall clock. */
  static final String RECORDS_MODE = "run-records";
  static final int CHUNKSIZE = 1000;

  private RunCostProbe() {}

  /**
   * The median per-task wall time of whole runs (as {@code wallMillis} reports it), as a point of
   * mode {@code run}, and the median per-task time spent writing their records after, as one of
   * mode {@code run-records}.
   */
  static List<ThroughputPoint> measure(TaskRegistry registry, int tasks, int repeats) {
    Workload workload = Workload.generate(registry.get("noop"), tasks, 1, 0, 0);
    RunSettings settings = new RunSettings(Style.MAP, CHUNKSIZE, /* keepResults= */ false, /* failFast= */ false);
    for (long done = 0; done < Batches.WARMUP_TASKS * 4L; done += tasks) {
      once(registry, workload, settings);
    }
    List<Double> wall = new ArrayList<>(repeats);
    List<Double> records = new ArrayList<>(repeats);
    for (int i = 0; i < repeats; i++) {
      RunReport report = once(registry, workload, settings);
      wall.add(report.wallMillis() * 1000);
      records.add(report.writeMillis() * 1000);
    }
    return List.of(new ThroughputPoint(MODE, CHUNKSIZE, 0, tasks, repeats, Samples.median(wall) / tasks),
        new ThroughputPoint(RECORDS_MODE, CHUNKSIZE, 0, tasks, repeats, Samples.median(records) / tasks));
  }

  private static RunReport once(TaskRegistry registry, Workload workload, RunSettings settings) {
    StreamingRunJson json = new StreamingRunJson(OutputStream.nullOutputStream(), "serial", 1, workload.count(),
        workload.task());
    RunReport report = new Runner(() -> TaskPool.serial(registry), settings, Progress.NONE, json).run(workload);
    json.finish(report);
    if (report.completed() != workload.count()) {
      throw new IllegalStateException("run of noop failed: " + report.failed() + " failed");
    }
    return report;
  }
}
