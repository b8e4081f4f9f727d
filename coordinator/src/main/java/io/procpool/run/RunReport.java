package io.procpool.run;

import io.procpool.process.ProtocolViolation;
import java.util.List;

/**
 * The outcome of running one workload in one mode: the {@code run --json} document, and one
 * entry of {@code compare --json}'s {@code runs}. Field names are a documented contract.
 *
 * @param mode the mode's name
 * @param workers how many workers (threads or processes) ran at once
 * @param tasks how many tasks
 * @param workload the task's name
 * @param style {@code map} or {@code as-completed}
 * @param chunksize tasks per request
 * @param completed how many returned a value
 * @param failed how many failed
 * @param wallMillis the whole run, worker start-up included, up to its last task's outcome; records
 *     written after that are not in it
 * @param startupMillis the part before all workers were ready (0 for serial and thread)
 * @param writeMillis the time spent writing the per-task records (the sink's: {@code --json},
 *     compare's check, the timeline's records): after the wall clock stopped, and also in it
 *     when a run's records outgrew the buffer
 * @param processes how many distinct processes ran tasks
 * @param pids the distinct processes that ran tasks, in ascending order (at most 64 listed)
 * @param threads how many distinct (process, thread) pairs ran tasks
 * @param workerProcesses how many worker processes were started in all (replacements included)
 * @param speedup serial wall time over this one's (compare only; null otherwise)
 * @param speedupExcludingStartup serial wall time over this one's minus its start-up (compare only)
 * @param results one entry per task, in task order
 * @param workerStartups when each worker process was spawned and ready (empty without processes)
 * @param protocolViolations each worker's first protocol violation, even when the tasks it held
 *     were retried and succeeded (empty without processes)
 */
public record RunReport(
    String mode,
    int workers,
    int tasks,
    String workload,
    String style,
    int chunksize,
    int completed,
    int failed,
    double wallMillis,
    double startupMillis,
    double writeMillis,
    int processes,
    List<Long> pids,
    int threads,
    int workerProcesses,
    Double speedup,
    Double speedupExcludingStartup,
    List<TaskRecord> results,
    List<StartupRecord> workerStartups,
    List<ProtocolViolation> protocolViolations) {

  /** The same report with its speedups over a serial baseline filled in. */
  public RunReport withSpeedupOver(RunReport serial) {
    double excluding = wallMillis - startupMillis;
    return new RunReport(mode, workers, tasks, workload, style, chunksize, completed, failed, wallMillis,
        startupMillis, writeMillis, processes, pids, threads, workerProcesses, round(serial.wallMillis / wallMillis),
        round(serial.wallMillis / (excluding > 0 ? excluding : wallMillis)), results, workerStartups,
        protocolViolations);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
