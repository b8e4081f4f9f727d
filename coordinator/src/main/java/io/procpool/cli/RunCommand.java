package io.procpool.cli;

import io.procpool.output.OutputException;
import io.procpool.pool.Mode;
import io.procpool.report.RunSummary;
import io.procpool.report.StreamingRunJson;
import io.procpool.report.TerminalProgress;
import io.procpool.run.Progress;
import io.procpool.run.RecordSink;
import io.procpool.run.RunReport;
import io.procpool.run.RunSettings;
import io.procpool.run.Runner;
import io.procpool.run.Style;
import io.procpool.run.TaskRecord;
import io.procpool.run.Workload;
import io.procpool.task.TaskRegistry;
import io.procpool.timeline.TimelineFile;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code procpool run}: one workload in one mode. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run one task list in one mode and print a short summary.",
    footer = {"", "Examples:",
        "  procpool run --mode process --workers 2 --tasks 8 --spread 0.5",
        "  procpool run --mode thread --workload sleep --size 100 --tasks 16 --workers 16",
        "  procpool run --mode process --style as-completed --tasks 12 \\",
        "      --size 200000000 --spread 0.5",
        "  procpool run --mode process --workload noop --tasks 100000 --chunksize 100 \\",
        "      --json out.json",
        "  procpool run --mode process --tasks 8 --size 200000000 --spread 0.5 \\",
        "      --timeline timeline.png"})
final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-m", "--mode"}, paramLabel = "MODE", defaultValue = "process",
      description = "serial, thread, process, process-per-task, gil-thread (an emulation of CPython's GIL) "
          + "or virtual-thread (Java 21+) (default: ${DEFAULT-VALUE}).")
  String mode;

  @Mixin
  WorkloadOptions workload;

  @Mixin
  PoolOptions pool;

  @Mixin
  OutputOptions output;

  @Mixin
  TimelineOption timeline;

  private StreamingRunJson json;
  /** Why the records could not be written while the run went on, if they could not. */
  private OutputException jsonFailure;
  private PrintStream human;
  private SignalStop signals;
  private final List<TaskRecord> failures = new ArrayList<>();
  private final Map<String, Integer> failureKinds = new TreeMap<>();
  /** The exit status once the outputs are written: by the run's thread, or by a signal's. */
  private Integer status;

  @Mixin
  UserTaskOptions userTask;

  @Override
  public Integer call() {
    Mode parsedMode;
    try {
      parsedMode = Mode.parse(mode);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--mode: " + e.getMessage());
    }
    if (userTask.given()) {
      if (output.json != null || timeline.file != null) {
        throw new ParameterException(spec.commandLine(), (output.json != null ? "--json" : "--timeline")
            + " is not taken by run --task, whose results go to --output; for a run's records of your method use "
            + "compare --task ... --modes " + parsedMode.cliName() + " --json FILE --timeline FILE");
      }
      return new UserTaskCommand(spec, userTask, pool).run(parsedMode);
    }
    pool.validate();
    OutputChecks.jsonAndChart(spec, output.json, "--timeline", timeline.file);
    TaskRegistry registry = pool.registry();
    Workload tasks = workload.workload(registry);
    int workers = pool.workerCount(tasks.count(), List.of(parsedMode));
    RunSettings settings = pool.settings(/* keepResults= */ timeline.file != null);
    if (timeline.file != null) {
      RecordBudget.check(spec, tasks.count(), 0, 1, "--timeline keeps every task's record");
    }
    if (parsedMode == Mode.PROCESS_PER_TASK && settings.chunksize() > 1) {
      throw new ParameterException(spec.commandLine(), "--chunksize must be 1 in process-per-task mode");
    }
    human = output.humanOut();
    int shownWorkers = parsedMode == Mode.SERIAL ? 1 : workers;
    json = output.json == null ? null
        : new StreamingRunJson(output.json, parsedMode.cliName(), shownWorkers, tasks.count(), tasks.task());
    RecordSink sink = new RecordSink() {
      @Override
      public void accept(TaskRecord record) {
        if (record.failed()) {
          failureKinds.merge(record.error().type(), 1, Integer::sum);
          if (failures.size() < RunSummary.FAILURES_SHOWN) {
            failures.add(record);
          }
        }
        if (json != null && jsonFailure == null) {
          try {
            json.accept(record);
          } catch (OutputException e) { // the file is dropped; the run, its summary and timeline go on
            jsonFailure = e;
          }
        }
      }

      @Override
      public boolean failuresOnly() {
        return json == null;
      }

      /** Without a file to write, a stopped run of a billion tasks counts the cancelled ones at once. */
      @Override
      public void cancelled(int from, int to, IntFunction<TaskRecord> record) {
        if (json != null) {
          RecordSink.super.cancelled(from, to, record);
          return;
        }
        for (int index = from; index < to && failures.size() < RunSummary.FAILURES_SHOWN; index++) {
          failures.add(record.apply(index));
        }
        failureKinds.merge("cancelled", to - from, Integer::sum);
      }
    };
    Progress progress = settings.style() == Style.AS_COMPLETED
        ? TerminalProgress.forStderr(parsedMode.cliName(), tasks.count()) : Progress.NONE;
    Runner runner = new Runner(pool.factory(parsedMode, registry, workers), settings, progress, sink)
        .planned(parsedMode.cliName(), shownWorkers);
    signals = SignalStop.install(pool.grace(), System.err, signalsStatus -> {
      // The status finish decided: the run's, when the signal came while the files were written.
      System.exit(finish(runner.finishNow(), tasks));
    });
    signals.running(runner);
    try (progress) {
      return finish(runner.run(tasks), tasks);
    } finally {
      signals.close();
      if (json != null) {
        json.close(); // drops the file if the run ended in an exception; no-op once finished
      }
    }
  }

  /** Writes the summary and every file once, whichever thread gets here first. */
  private synchronized int finish(RunReport report, Workload tasks) {
    if (status != null) {
      return status;
    }
    boolean stopped = signals.stopped(); // one that comes while the files are written stops nothing
    OutputWrites outputs = new OutputWrites(spec.commandLine().getErr());
    if (json != null) {
      outputs.write(() -> { // one that fails costs neither the summary nor the timeline
        if (jsonFailure != null) {
          throw jsonFailure;
        }
        json.finish(report);
      });
    }
    RunSummary.print(human, report, tasks.sizeLabel(), failures, failureKinds,
        /* recordsWritten= */ json != null || timeline.file != null);
    if (stopped) {
      human.println("  stopped by " + signals.signalName() + ": what finished is kept; the rest is "
          + "cancelled (never started) or interrupted (killed after the grace)");
    } else if (pool.failFast() && report.failed() > 0) {
      human.println("  stopped at the first failure (--fail-fast)");
    }
    if (timeline.file != null) {
      outputs.write(() -> {
        TimelineFile.write(List.of(report), timeline.file);
        human.println("  timeline: " + timeline.file);
      });
    }
    human.flush();
    status = outputs.failed() ? ExitCodes.IO_ERROR
        : stopped ? signals.exitStatus() : report.failed() == 0 ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
    outputs.done();
    return status;
  }
}
