package io.procpool.cli;

import io.procpool.chart.ChartFiles;
import io.procpool.pool.Mode;
import io.procpool.protocol.Codec;
import io.procpool.pool.Transport;
import io.procpool.report.Json;
import io.procpool.run.Workload;
import io.procpool.sweep.Sweep;
import io.procpool.sweep.SweepChart;
import io.procpool.sweep.SweepPoint;
import io.procpool.sweep.SweepResult;
import io.procpool.sweep.WorkerRange;
import io.procpool.task.TaskRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code procpool sweep}: speedup over serial against worker count, per mode. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
        "Speedup over serial against the worker count, per mode, with the ideal line.",
        "Runs one task list serially once, then in each mode with FROM..TO workers.",
        "Past the number of cores all modes level off; process modes also pay start-up.",
        "Default task list: 2 x TO cpu-heavy tasks of size 100000000 (seconds in all)."},
    footer = {"", "Examples:",
        "  procpool sweep --workers 1..4 --chart sweep.png",
        "  procpool sweep --workers 1..8 --modes thread,process,gil-thread --repeat 3",
        "  procpool sweep --workers 2..6 --tasks 24 --size 50000000 --chart sweep.svg"})
final class SweepCommand implements Callable<Integer> {
  /** Default task size for cpu-heavy: about a sixth of a second, so a sweep takes seconds, not minutes. */
  static final long DEFAULT_CPU_HEAVY_SIZE = 100_000_000L;

  /** Built-in workloads that fail on purpose: a sweep of them could only stop at its first point. */
  private static final Set<String> FAILING_WORKLOADS = Set.of("crash", "fail", "oom");

  @Spec
  CommandSpec spec;

  @Option(names = {"-w", "--workers"}, paramLabel = "FROM..TO", converter = RangeConverter.class,
      description = "Worker counts to visit, e.g. 1..4, or 4 for the same (default: 1..2x available processors).")
  WorkerRange workers;

  @Option(names = "--modes", paramLabel = "MODE[,MODE...]", split = ",", defaultValue = "thread,process",
      description = "Modes to sweep (default: ${DEFAULT-VALUE}); serial runs once, as the baseline.")
  List<String> modes;

  @Option(names = "--repeat", paramLabel = "R", defaultValue = "1",
      description = "Run each point R times and keep the fastest, to damp noise (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--chart", paramLabel = "FILE", converter = ChartPathConverter.class,
      description = "Draw speedup against workers, with the ideal line, to FILE (.png or .svg).")
  Path chart;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write the points as JSON to FILE ('-' for stdout; the table then goes to stderr).")
  String json;

  @Option(names = "--transport", paramLabel = "T", converter = TransportConverter.class, defaultValue = "pipe",
      description = "How messages reach the worker processes: pipe, unix, tcp or shm (default: ${DEFAULT-VALUE}).")
  Transport transport = Transport.PIPE;

  @Option(names = "--no-worker-limit",
      description = "Allow more workers than the machine's limit (one per 128 MiB of memory, "
          + "at least one per processor).")
  boolean noWorkerLimit;

  @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "procpool", converter = CodecConverter.class,
      description = "How the coordinator and its workers encode messages: procpool (its own codec) or "
          + "jackson (Jackson's streaming codec); the wire format is the same (default: ${DEFAULT-VALUE}).")
  Codec codec;

  @Mixin
  WorkloadOptions workload;

  /**
   * Gives the shared task-list options sweep's own defaults in its help: 2 x TO tasks, a
   * smaller cpu-heavy size, and no --classpath (sweep runs built-in tasks only).
   */
  static void describeOwnDefaults(CommandSpec sweep) {
    describe(sweep, "--tasks", "Number of tasks (default: 2 x TO of --workers).");
    describe(sweep, "--size", "Size of each task: xorshift steps for cpu-heavy, ms for sleep, bytes for echo "
        + "(default: " + DEFAULT_CPU_HEAVY_SIZE + " for cpu-heavy, about a sixth of a second; the task's own "
        + "for the others).");
    describe(sweep, "--workload", "Task to run (default: cpu-heavy). Built in: " + WorkloadOptions.BUILT_IN + ".");
  }

  private static void describe(CommandSpec command, String name, String description) {
    OptionSpec shared = command.findOption(name);
    command.remove(shared);
    command.addOption(OptionSpec.builder(shared).description(description).build());
  }

  @Override
  public Integer call() {
    WorkerRange range = workers != null ? workers
        : new WorkerRange(1, 2 * Runtime.getRuntime().availableProcessors());
    List<Mode> parsed = parseModes();
    if (repeat < 1) {
      throw new ParameterException(spec.commandLine(), "--repeat must be at least 1, was " + repeat);
    }
    OutputChecks.jsonAndChart(spec, json, "--chart", chart);
    String tooMany = noWorkerLimit ? null : WorkerLimit.exceededBy(range.to());
    if (tooMany != null) {
      throw new ParameterException(spec.commandLine(), "--workers " + range + ": " + tooMany);
    }
    if (FAILING_WORKLOADS.contains(workload.workload)) {
      throw new ParameterException(spec.commandLine(), "--workload " + workload.workload
          + " fails on purpose; a sweep needs a task list that succeeds");
    }
    PoolOptions pools = CommandLine.populateCommand(new PoolOptions()); // every pool option at its default
    pools.codec = codec; // but the codec
    pools.transport = transport;
    TaskRegistry registry = pools.registry();
    if (workload.tasks == null) {
      if (range.to() > Integer.MAX_VALUE / 2) {
        throw new ParameterException(spec.commandLine(), "--workers " + range + ": the default of 2 x "
            + range.to() + " tasks is too many; give --tasks");
      }
      workload.tasks = 2 * range.to();
    }
    if (workload.size == null && "cpu-heavy".equals(workload.workload)) {
      workload.size = DEFAULT_CPU_HEAVY_SIZE;
    }
    Workload tasks = workload.workload(registry);
    PrintStream human = "-".equals(json) ? System.err : System.out;
    human.printf(Locale.ROOT, "sweep: %d %s tasks (%s), workers %s, modes %s, %d available processors%n",
        tasks.count(), tasks.task(), tasks.sizeLabel(), range, modes, Runtime.getRuntime().availableProcessors());
    human.printf(Locale.ROOT, "  running serial and %d points%s...%n", parsed.size() * range.count(),
        repeat > 1 ? ", " + repeat + " rounds over all of them" : "");
    Sweep sweep = new Sweep((mode, count) -> pools.factory(mode, registry, count), repeat, new Sweep.Listener() {
      @Override
      public void baseline(double serialMillis) {
        human.printf(Locale.ROOT, "serial baseline: %.1f ms%s%n%n", serialMillis,
            repeat > 1 ? " (fastest of " + repeat + ")" : "");
        human.printf(Locale.ROOT, "%-17s %7s %10s %12s %8s %13s %6s%n", "mode", "workers", "wall ms",
            "start-up ms", "speedup", "excl. start", "ideal");
      }

      @Override
      public void point(SweepPoint point) {
        human.printf(Locale.ROOT, "%-17s %7d %10.1f %12.0f %7.2fx %12.2fx %5.0fx%n", point.mode(),
            point.workers(), point.wallMillis(), point.startupMillis(), point.speedup(),
            point.speedupExcludingStartup(), point.idealSpeedup());
      }
    });
    SweepResult result;
    try {
      result = sweep.run(tasks, parsed, range);
    } catch (Sweep.PointFailedException failed) {
      spec.commandLine().getErr().println("procpool: sweep stopped: " + failed.getMessage());
      return ExitCodes.TASKS_FAILED;
    }
    OutputWrites outputs = new OutputWrites(spec.commandLine().getErr());
    if (json != null) {
      outputs.write(() -> Json.write(json, result));
    }
    if (chart != null) {
      outputs.write(() -> {
        ChartFiles.write(List.of(SweepChart.draw(result)), List.of(summary(result)), chart);
        human.println("Chart: " + chart);
      });
    }
    outputs.done();
    return ExitCodes.OK;
  }

  private static String summary(SweepResult result) {
    StringBuilder text = new StringBuilder("Speedup over serial by workers, " + result.tasks() + " "
        + result.workload() + " tasks\n");
    for (SweepPoint point : result.points()) {
      text.append(String.format(Locale.ROOT, "%s %d workers: %.2fx;", point.mode(), point.workers(), point.speedup()));
    }
    return text.toString();
  }

  private List<Mode> parseModes() {
    List<Mode> parsed = new ArrayList<>();
    for (String name : modes) {
      try {
        Mode mode = Mode.parse(name);
        if (mode == Mode.SERIAL) {
          throw new IllegalArgumentException("serial is always run, once, as the baseline");
        }
        if (!parsed.contains(mode)) {
          parsed.add(mode);
        }
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--modes: " + e.getMessage());
      }
    }
    if (parsed.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--modes: no mode given; e.g. --modes thread,process");
    }
    return parsed;
  }

  /** Parses --workers as a range, with the parse error as a usage error. */
  static final class RangeConverter implements CommandLine.ITypeConverter<WorkerRange> {
    @Override
    public WorkerRange convert(String value) {
      try {
        return WorkerRange.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
