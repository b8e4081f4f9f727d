package io.procpool.run;

import io.procpool.pool.TaskPool;
import io.procpool.process.ProcessPool;
import io.procpool.process.WorkerStart;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a run's report: the wall clock stops, then the buffered records are written, timed apart
 * as {@code writeMillis}, so that the wall time is the pool's and the records' cost is still shown.
 */
final class ReportMaker {
  private final TaskList workload;
  private final RunSettings settings;
  private final long startNanos;
  private final long startMicros;

  /** For a run that started at these readings of {@link System#nanoTime} and the wall clock. */
  ReportMaker(TaskList workload, RunSettings settings, long startNanos, long startMicros) {
    this.workload = workload;
    this.settings = settings;
    this.startNanos = startNanos;
    this.startMicros = startMicros;
  }

  /**
   * The report now. Without a pool (the run was stopped before it started one) the planned mode
   * and worker count stand in for the pool's.
   */
  RunReport make(TaskPool pool, String plannedMode, int plannedWorkers, Tally tally, RunRecords records) {
    double wallMillis = round((System.nanoTime() - startNanos) / 1e6);
    records.writeAll();
    double writeMillis = round(records.writeNanos() / 1e6);
    List<Long> pids = tally.threads().pids();
    int threads = tally.threads().threads();
    if (pool == null) {
      return new RunReport(plannedMode, plannedWorkers, workload.count(), workload.name(),
          settings.style().cliName(), settings.chunksize(), tally.completed(), tally.failed(), wallMillis, wallMillis,
          writeMillis, 0, List.of(), 0, 0, null, null, records.kept(), List.of(), List.of());
    }
    int workerProcesses = pool instanceof ProcessPool processes ? processes.launchedCount() : 0;
    return new RunReport(pool.mode().cliName(), pool.workers(), workload.count(), workload.name(),
        settings.style().cliName(), settings.chunksize(), tally.completed(), tally.failed(), wallMillis,
        pool.startupMillis(), writeMillis,
        pids.size(), pids.stream().limit(64).toList(), threads, workerProcesses, null, null, records.kept(),
        startups(pool, startMicros),
        pool instanceof ProcessPool processes ? processes.violations() : List.of());
  }

  /** Each worker process's spawn and hello, relative to the run's start; empty for in-JVM pools. */
  private static List<StartupRecord> startups(TaskPool pool, long runStartMicros) {
    if (!(pool instanceof ProcessPool processes)) {
      return List.of();
    }
    List<StartupRecord> startups = new ArrayList<>();
    for (WorkerStart start : processes.startHistory()) {
      startups.add(new StartupRecord(start.worker(), start.pid(),
          round((start.spawnedAtMicros() - runStartMicros) / 1000.0),
          round((start.readyAtMicros() - runStartMicros) / 1000.0)));
    }
    return startups;
  }

  private static double round(double millis) {
    return Math.round(millis * 100) / 100.0;
  }
}
