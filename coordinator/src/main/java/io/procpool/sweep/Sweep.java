package io.procpool.sweep;

import io.procpool.pool.Mode;
import io.procpool.pool.TaskPool;
import io.procpool.run.Progress;
import io.procpool.run.RecordSink;
import io.procpool.run.RunReport;
import io.procpool.run.RunSettings;
import io.procpool.run.Runner;
import io.procpool.run.Style;
import io.procpool.run.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one task list serially, then in each mode at each worker count, and reports the speedup
 * over serial: how far adding workers pays off, and where the cores run out.
 */
public final class Sweep {
  /** Makes the pool of a mode with a given number of workers. */
  @FunctionalInterface
  public interface Pools {
    Supplier<TaskPool> of(Mode mode, int workers);
  }

  /** Told of the results once every round has run: the baseline first, then each point in order. */
  public interface Listener {
    void baseline(double serialMillis);

    void point(SweepPoint point);
  }

  private final Pools pools;
  private final int repeat;
  private final Listener listener;

  /**
   * @param repeat how many times to run each point; the fastest run counts, which filters out
   *     moments when something else had the cores
   */
  public Sweep(Pools pools, int repeat, Listener listener) {
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be at least 1, was " + repeat);
    }
    this.pools = pools;
    this.repeat = repeat;
    this.listener = listener;
  }

  public SweepResult run(Workload workload, List<Mode> modes, WorkerRange range) {
    // Untimed: the coordinator's JIT compiles the task once here, so the serial baseline and the
    // in-JVM modes are not measured against a cold start (worker JVMs start cold: that is their cost).
    once(Mode.SERIAL, 1, workload.first(1));
    List<Mode> jobModes = new ArrayList<>(List.of(Mode.SERIAL));
    List<Integer> jobWorkers = new ArrayList<>(List.of(1));
    for (Mode mode : modes) {
      for (int workers = range.from(); workers <= range.to(); workers++) {
        jobModes.add(mode);
        jobWorkers.add(workers);
      }
    }
    // Round after round over every point, rather than all repeats of one point in a row: a burst
    // of load from elsewhere then spoils one run of several points, not every run of one.
    RunReport[] fastest = new RunReport[jobModes.size()];
    for (int round = 0; round < repeat; round++) {
      for (int job = 0; job < fastest.length; job++) {
        RunReport run = once(jobModes.get(job), jobWorkers.get(job), workload);
        if (fastest[job] == null || run.wallMillis() < fastest[job].wallMillis()) {
          fastest[job] = run;
        }
      }
    }
    RunReport serial = fastest[0];
    listener.baseline(serial.wallMillis());
    List<SweepPoint> points = new ArrayList<>();
    for (int job = 1; job < fastest.length; job++) {
      RunReport run = fastest[job].withSpeedupOver(serial);
      SweepPoint point = new SweepPoint(jobModes.get(job).cliName(), jobWorkers.get(job), run.wallMillis(),
          run.startupMillis(), run.speedup(), run.speedupExcludingStartup(), jobWorkers.get(job));
      points.add(point);
      listener.point(point);
    }
    return new SweepResult(workload.task(), workload.count(), workload.sizeLabel(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), repeat,
        serial.wallMillis(), points);
  }

  private RunReport once(Mode mode, int workers, Workload workload) {
    RunSettings settings = new RunSettings(Style.MAP, 1, /* keepResults= */ false, /* failFast= */ true);
    RunReport run = new Runner(pools.of(mode, workers), settings, Progress.NONE, RecordSink.NONE).run(workload);
    if (run.failed() > 0) {
      throw new PointFailedException(mode.cliName() + " with " + workers + " workers: " + run.failed()
          + " of " + run.tasks() + " tasks failed; a sweep needs a task list that succeeds");
    }
    return run;
  }

  /** A task failed at one point: the sweep cannot compare that point with the others. */
  public static final class PointFailedException extends RuntimeException {
    PointFailedException(String message) {
      super(message);
    }
  }
}
