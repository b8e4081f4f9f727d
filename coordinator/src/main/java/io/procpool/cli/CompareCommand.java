package io.procpool.cli;

import io.procpool.cds.WorkerArchive;
import io.procpool.pool.Mode;
import io.procpool.report.CompareTable;
import io.procpool.report.Json;
import io.procpool.report.TerminalProgress;
import io.procpool.report.ValuesByProcess;
import io.procpool.run.Progress;
import io.procpool.run.RunReport;
import io.procpool.run.RunSettings;
import io.procpool.run.Runner;
import io.procpool.run.Style;
import io.procpool.run.TaskList;
import io.procpool.run.Workload;
import io.procpool.task.TaskRegistry;
import io.procpool.timeline.TimelineFile;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code procpool compare}: the same task list in several modes, side by side. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
        "Run the same task list in several modes and print them side by side.",
        "Shows wall time, start-up, speedup over serial (with and without start-up),",
        "and how many processes and threads did the work. Checks that every mode",
        "returned the same values."},
    footer = {"", "Examples:",
        "  procpool compare",
        "  procpool compare --modes serial,thread,process,process-per-task --tasks 4",
        "  procpool compare --tasks 12 --spread 0.5 --style as-completed \\",
        "      --json compare.json",
        "  procpool compare --modes serial,thread,gil-thread,process --tasks 4 \\",
        "      --timeline compare.png"})
final class CompareCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--modes", paramLabel = "MODE[,MODE...]", split = ",",
      defaultValue = "serial,thread,process",
      description = "Modes to run, in order (default: ${DEFAULT-VALUE}); serial is the speedup baseline. "
          + "Also: process-per-task, gil-thread (an emulation of CPython's GIL), virtual-thread (Java 21+).")
  List<String> modes;

  @Option(names = "--repeat", paramLabel = "R", defaultValue = "1",
      description = "Run the modes R times in turn and show each mode's fastest run, to damp noise; "
          + "every round's times are listed and every run's values checked (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Mixin
  WorkloadOptions workload;

  @Mixin
  PoolOptions pool;

  @Mixin
  OutputOptions output;

  @Mixin
  TimelineOption timeline;

  /** Below this many tasks the records are kept to show which process returned what. */
  private static final int KEPT_FOR_VALUES = 10_000;
  /** More rounds than this is a typo, not an experiment. */
  private static final int MAX_REPEAT = 1000;
  /** The longest a process mode waits for the archive build; then it runs without it. */
  private static final Duration ARCHIVE_WAIT = Duration.ofSeconds(60);

  private PrintStream human;
  private SignalStop signals;
  private final Rounds rounds = new Rounds();
  /** The round running now, for a signal's report. */
  private volatile int round = 1;
  private Integer status;
  /** With --task: input lines that could not be calls (reported, and the exit status says so). */
  private int badLines;

  @Mixin
  UserTaskOptions userTask;

  @Override
  public Integer call() {
    List<Mode> parsed = parseModes();
    if (repeat < 1 || repeat > MAX_REPEAT) {
      throw new ParameterException(spec.commandLine(), "--repeat must be from 1 to " + MAX_REPEAT + ", was " + repeat);
    }
    pool.validate();
    OutputChecks.jsonAndChart(spec, output.json, "--timeline", timeline.file);
    human = output.humanOut();
    TaskRegistry registry = pool.registry();
    TaskList tasks;
    boolean deterministic;
    if (userTask.given()) {
      UserTaskCommand.Calls calls = new UserTaskCommand(spec, userTask, pool).callsToCompare(parsed, human);
      tasks = calls.list();
      badLines = calls.badLines();
      deterministic = true; // a user's method is held to give the same values in every mode
      if (tasks.count() == 0) {
        human.println("compare: " + tasks.describe() + ": nothing to compare");
        return badLines > 0 ? ExitCodes.TASKS_FAILED : ExitCodes.OK;
      }
    } else {
      Workload workloadList = workload.workload(registry);
      tasks = workloadList;
      deterministic = registry.get(workloadList.task()).deterministic();
    }
    boolean keep = output.json != null || timeline.file != null || !deterministic && tasks.count() <= KEPT_FOR_VALUES;
    // With rounds, each mode's fastest and latest run and the one running keep records.
    int keptRuns = keep ? (repeat > 1 ? 2 * parsed.size() + 1 : parsed.size()) : 0;
    RecordBudget.check(spec, tasks.count(), Agreement.BYTES_PER_TASK, keptRuns, keep
        ? "compare keeps every task's record of every mode for --json/--timeline (run --json streams instead)"
        : "compare's check that the modes agree");
    int workers = pool.workerCount(tasks.count(), parsed);
    RunSettings settings = pool.settings(keep);
    human.printf("compare: %s, %d worker%s, modes %s%s%n", tasks.describe(), workers, workers == 1 ? "" : "s", modes,
        repeat > 1 ? ", " + repeat + " rounds" : "");

    Agreement agreement = new Agreement(tasks.count(), userTask.given() ? "call" : "task");
    Runner[] current = new Runner[1];
    signals = SignalStop.install(pool.grace(), System.err, signalsStatus -> {
      synchronized (this) {
        if (current[0] != null) {
          rounds.add(round, current[0].finishNow());
        }
      }
      // The status finish decided: the work's, when the signal came while the files were written.
      System.exit(finish(rounds.shown(/* stopped= */ true), null, tasks));
    });
    try {
      return runModes(parsed, registry, workers, tasks, settings, keep, agreement, current, deterministic);
    } finally {
      signals.close();
    }
  }

  private int runModes(List<Mode> parsed, TaskRegistry registry, int workers, TaskList tasks, RunSettings settings,
      boolean keep, Agreement agreement, Runner[] current, boolean deterministic) {
    Optional<WorkerArchive> archive = parsed.stream().anyMatch(CompareCommand::startsWorkers)
        ? pool.workerArchive(workers) : Optional.empty();
    archive.ifPresent(WorkerArchive::buildInBackground); // while the in-JVM modes run
    rounds:
    for (; round <= repeat; round++) {
      for (Mode mode : parsed) {
        if (!runMode(mode, registry, workers, tasks, settings, keep, agreement, current, archive)) {
          break rounds;
        }
      }
    }
    return finish(rounds.shown(signals.stopped()), agreement.verdict(deterministic, tasks.name()), tasks);
  }

  /** One mode's run of the current round; false when a signal stopped the compare. */
  private boolean runMode(Mode mode, TaskRegistry registry, int workers, TaskList tasks, RunSettings settings,
      boolean keep, Agreement agreement, Runner[] current, Optional<WorkerArchive> archive) {
    if (startsWorkers(mode)) {
      awaitArchive(archive);
    }
    RunSettings modeSettings = mode == Mode.PROCESS_PER_TASK
        ? new RunSettings(settings.style(), 1, keep, settings.failFast()) : settings;
    human.printf("  running %s%s...%n", mode.cliName(), repeat > 1 ? " (round " + round + " of " + repeat + ")" : "");
    try (Progress progress = settings.style() == Style.AS_COMPLETED
        ? TerminalProgress.forStderr(mode.cliName(), tasks.count()) : Progress.NONE) {
      Runner runner = new Runner(pool.factory(mode, registry, workers), modeSettings, progress,
          agreement.mode(mode.cliName())).planned(mode.cliName(), mode == Mode.SERIAL ? 1 : workers);
      current[0] = runner;
      signals.running(runner);
      RunReport report = runner.run(tasks);
      synchronized (this) {
        if (status != null) {
          return false; // a signal's thread is writing the results
        }
        rounds.add(round, report);
        current[0] = null; // reported: a signal from now on must not report it again
      }
      return !signals.stopped();
    }
  }

  /**
   * A first compare on a new JDK or class path builds the workers' class-data archive (a few
   * seconds, once); built while the process mode ran, it took a core from the workers being
   * measured (1.4-1.5x instead of 1.9x excl. start-up on 2 cores), so the process modes wait.
   */
  private void awaitArchive(Optional<WorkerArchive> archive) {
    if (archive.isPresent() && "building".equals(archive.get().status())) {
      human.printf("  waiting for the workers' class-data archive (built once per JDK and class path)...%n");
      archive.get().awaitReady(ARCHIVE_WAIT);
    }
  }

  private static boolean startsWorkers(Mode mode) {
    return mode == Mode.PROCESS || mode == Mode.PROCESS_PER_TASK;
  }

  /** Prints the table and writes the files once, whichever thread gets here first. */
  private synchronized int finish(List<RunReport> done, Agreement.Verdict verdict, TaskList tasks) {
    if (status != null) {
      return status;
    }
    boolean stopped = signals.stopped(); // one that comes while the files are written stops nothing
    status = stopped ? signals.exitStatus() : ExitCodes.OK;
    if (done.isEmpty()) {
      human.println("stopped by " + signals.signalName() + " before any mode ran");
      return status;
    }
    RunReport baseline = done.stream().filter(run -> run.mode().equals("serial")).findFirst().orElse(done.get(0));
    List<RunReport> withSpeedups = done.stream().map(run -> run.withSpeedupOver(baseline)).toList();
    human.println();
    CompareTable.print(human, withSpeedups);
    human.println();
    if (repeat > 1) {
      rounds.print(human, repeat, stopped);
      human.println();
    }
    if (verdict == null || stopped) {
      human.println("stopped by " + signals.signalName() + " after " + done.size() + " of " + modes.size()
          + " modes: results not compared");
    } else {
      human.println(verdict.message());
      if (!verdict.identical() && verdict.acceptable() && done.get(0).results() != null) {
        ValuesByProcess.print(human, withSpeedups);
      }
    }
    OutputWrites outputs = new OutputWrites(spec.commandLine().getErr());
    if (output.json != null) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("workload", tasks.name());
      document.put("tasks", tasks.count());
      document.put("baseline", baseline.mode());
      document.put("identical", verdict != null && !stopped && verdict.identical());
      document.put("repeat", repeat);
      document.put("runs", withSpeedups);
      document.put("rounds", rounds.timings());
      outputs.write(() -> Json.write(output.json, document));
    }
    if (timeline.file != null) {
      outputs.write(() -> {
        TimelineFile.write(withSpeedups, timeline.file);
        human.println("Timeline: " + timeline.file);
      });
    }
    human.flush();
    boolean anyFailed = withSpeedups.stream().anyMatch(run -> run.failed() > 0);
    if (!stopped && (anyFailed || !verdict.acceptable() || badLines > 0)) {
      status = ExitCodes.TASKS_FAILED;
    }
    if (outputs.failed()) {
      status = ExitCodes.IO_ERROR; // whichever thread asks next
    }
    outputs.done();
    return status;
  }

  private List<Mode> parseModes() {
    List<Mode> parsed = new ArrayList<>();
    for (String name : modes) {
      try {
        Mode mode = Mode.parse(name);
        if (parsed.contains(mode)) {
          throw new IllegalArgumentException("mode '" + name + "' is listed twice");
        }
        parsed.add(mode);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--modes: " + e.getMessage());
      }
    }
    if (parsed.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--modes: no mode given; e.g. --modes serial,process");
    }
    return parsed;
  }
}
