package io.procpool.cli;

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
import io.procpool.run.Workload;
import io.procpool.task.TaskRegistry;
import io.procpool.timeline.TimelineFile;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  @Mixin
  WorkloadOptions workload;

  @Mixin
  PoolOptions pool;

  @Mixin
  OutputOptions output;

  @Mixin
  TimelineOption timeline;

  @Override
  public Integer call() {
    List<Mode> parsed = parseModes();
    pool.validate();
    TaskRegistry registry = pool.registry();
    Workload tasks = workload.workload(registry);
    int workers = pool.workerCount(tasks.count(), parsed);
    RunSettings settings = pool.settings(/* keepResults= */ true);
    PrintStream human = output.humanOut();
    human.printf("compare: %d %s tasks (%s), %d workers, modes %s%n", tasks.count(), tasks.task(),
        tasks.sizeLabel(), workers, modes);

    List<RunReport> runs = new ArrayList<>();
    for (Mode mode : parsed) {
      RunSettings modeSettings = mode == Mode.PROCESS_PER_TASK
          ? new RunSettings(settings.style(), 1, true, settings.failFast()) : settings;
      human.printf("  running %s...%n", mode.cliName());
      try (Progress progress = settings.style() == Style.AS_COMPLETED
          ? TerminalProgress.forStderr(mode.cliName(), tasks.count()) : Progress.NONE) {
        runs.add(new Runner(pool.factory(mode, registry, workers), modeSettings, progress, record -> {}).run(tasks));
      }
    }
    RunReport baseline = runs.stream().filter(run -> run.mode().equals("serial")).findFirst().orElse(runs.get(0));
    List<RunReport> withSpeedups = runs.stream().map(run -> run.withSpeedupOver(baseline)).toList();
    human.println();
    CompareTable.print(human, withSpeedups);

    Agreement agreement = Agreement.check(withSpeedups, registry.get(tasks.task()).deterministic());
    human.println();
    human.println(agreement.message());
    if (!agreement.identical() && agreement.acceptable()) {
      ValuesByProcess.print(human, withSpeedups);
    }
    if (output.json != null) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("workload", tasks.task());
      document.put("tasks", tasks.count());
      document.put("baseline", baseline.mode());
      document.put("identical", agreement.identical());
      document.put("runs", withSpeedups);
      Json.write(output.json, document);
    }
    if (timeline.file != null) {
      TimelineFile.write(withSpeedups, timeline.file);
      human.println("Timeline: " + timeline.file);
    }
    boolean anyFailed = withSpeedups.stream().anyMatch(run -> run.failed() > 0);
    return anyFailed || !agreement.acceptable() ? ExitCodes.TASKS_FAILED : ExitCodes.OK;
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
