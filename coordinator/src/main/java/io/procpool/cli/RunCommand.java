package io.procpool.cli;

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

  @Override
  public Integer call() {
    Mode parsedMode;
    try {
      parsedMode = Mode.parse(mode);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--mode: " + e.getMessage());
    }
    pool.validate();
    TaskRegistry registry = pool.registry();
    Workload tasks = workload.workload(registry);
    int workers = pool.workerCount(tasks.count(), List.of(parsedMode));
    RunSettings settings = pool.settings(/* keepResults= */ timeline.file != null);
    if (parsedMode == Mode.PROCESS_PER_TASK && settings.chunksize() > 1) {
      throw new ParameterException(spec.commandLine(), "--chunksize must be 1 in process-per-task mode");
    }
    PrintStream human = output.humanOut();
    List<TaskRecord> failures = new ArrayList<>();
    StreamingRunJson json = output.json == null ? null
        : new StreamingRunJson(output.json, parsedMode.cliName(), parsedMode == Mode.SERIAL ? 1 : workers,
            tasks.count(), tasks.task());
    Map<String, Integer> failureKinds = new TreeMap<>();
    RecordSink sink = record -> {
      if (record.failed()) {
        failureKinds.merge(record.error().type(), 1, Integer::sum);
        if (failures.size() < RunSummary.FAILURES_SHOWN) {
          failures.add(record);
        }
      }
      if (json != null) {
        json.accept(record);
      }
    };
    Progress progress = settings.style() == Style.AS_COMPLETED
        ? TerminalProgress.forStderr(parsedMode.cliName(), tasks.count()) : Progress.NONE;
    RunReport report;
    try (progress) {
      report = new Runner(pool.factory(parsedMode, registry, workers), settings, progress, sink).run(tasks);
      if (json != null) {
        json.finish(report);
      }
    } finally {
      if (json != null) {
        json.close();
      }
    }
    RunSummary.print(human, report, tasks.sizeLabel(), failures, failureKinds);
    if (settings.failFast() && report.failed() > 0) {
      human.println("  stopped at the first failure (--fail-fast)");
    }
    if (timeline.file != null) {
      TimelineFile.write(List.of(report), timeline.file);
      human.println("  timeline: " + timeline.file);
    }
    return report.failed() == 0 ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
  }
}
