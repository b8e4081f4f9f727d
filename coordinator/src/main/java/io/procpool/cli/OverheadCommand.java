package io.procpool.cli;

import io.procpool.overhead.IpcSetup;
import io.procpool.overhead.OverheadChart;
import io.procpool.overhead.OverheadJson;
import io.procpool.overhead.OverheadReport;
import io.procpool.overhead.OverheadRun;
import io.procpool.overhead.OverheadSettings;
import io.procpool.overhead.OverheadTable;
import io.procpool.overhead.TransportComparison;
import io.procpool.overhead.TransportJson;
import io.procpool.overhead.TransportTable;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.protocol.Codec;
import io.procpool.pool.Transport;
import io.procpool.report.Json;
import io.procpool.shm.ShmWait;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code procpool overhead}: what the process model costs, measured in one run. */
@Command(
    name = "overhead",
    mixinStandardHelpOptions = true,
    description = "Measure what a pool of worker JVMs costs: worker start-up (JVM vs procpool's own part, "
        + "with and without the class-data archive), noop round-trip latency with one in flight, "
        + "per-task cost with many in flight for process, thread and serial modes by chunksize and "
        + "in-flight, payload throughput of echo, and where a round trip's time goes.",
    footer = {"", "Examples:",
        "  procpool overhead",
        "  procpool overhead --workers 2 --json overhead.json --chart overhead.png",
        "  procpool overhead --codec jackson",
        "  procpool overhead --transports pipe,unix,tcp,shm --codecs procpool,jackson",
        "  procpool overhead --off-line-threshold 65536",
        "  procpool overhead --tasks 2000 --round-trips 2000 --starts 2 --repeats 1"})
final class OverheadCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-w", "--workers"}, paramLabel = "N",
      description = "Worker processes and threads (default: available processors); worker JVMs no more "
          + "than the machine's limit (see --no-worker-limit).")
  Integer workers;

  @Option(names = "--no-worker-limit",
      description = "Allow more worker JVMs than the machine's limit (one per 128 MiB of memory, "
          + "at least one per processor).")
  boolean noWorkerLimit;

  @Option(names = "--tasks", paramLabel = "T", defaultValue = "20000",
      description = "Noop tasks per throughput run (default: ${DEFAULT-VALUE}).")
  int tasks;

  @Option(names = "--round-trips", paramLabel = "N", defaultValue = "20000",
      description = "Recorded one-in-flight round trips, after as many for warm-up (default: ${DEFAULT-VALUE}).")
  int roundTrips;

  @Option(names = "--starts", paramLabel = "S", defaultValue = "5",
      description = "Pool starts for the start-up figures, each with and without the archive "
          + "(default: ${DEFAULT-VALUE}).")
  int starts;

  @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
      description = "Timed runs per throughput and payload figure; the median is kept (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--chart", paramLabel = "FILE",
      description = "Also draw the latency distribution and the per-task cost by mode to FILE (.png or .svg).")
  Path chart;

  @Option(names = "--jvm-opt", paramLabel = "OPT",
      description = "Option for each worker JVM, e.g. --jvm-opt=-XX:TieredStopAtLevel=1 (repeatable).")
  List<String> jvmOptions = new ArrayList<>();

  @Option(names = {"--codecs", "--codec"}, paramLabel = "CODEC[,CODEC...]", split = ",", defaultValue = "procpool",
      converter = CodecConverter.class,
      description = "How the process pools and their workers encode messages: procpool (its own codec) or "
          + "jackson (Jackson's streaming codec); the wire format is the same (default: ${DEFAULT-VALUE}). "
          + "Several: measured side by side like several transports.")
  List<Codec> codecs = new ArrayList<>(List.of(Codec.PROCPOOL));

  @Option(names = "--off-line-threshold", paramLabel = "CHARS", defaultValue = "0",
      description = "Strings longer than this travel to and from the workers through a reused "
          + "shared-memory arena instead of the line, e.g. 65536; 0 keeps every value on the line (default: ${DEFAULT-VALUE}).")
  int offLineThreshold;
  @Option(names = {"--transports", "--transport"}, paramLabel = "T[,T...]", split = ",",
      converter = TransportConverter.class, defaultValue = "pipe",
      description = "How messages reach the worker processes: pipe, unix, tcp or shm (default: ${DEFAULT-VALUE}). "
          + "One transport: the whole report on it. Several: the points that depend on the transport, measured "
          + "on each in alternating rounds, as one table with a column per transport.")
  List<Transport> transports = new ArrayList<>(List.of(Transport.PIPE));

  @Option(names = "--shm-wait", paramLabel = "HOW", defaultValue = "backoff",
      description = "How shm waits: spin, backoff or park (default: ${DEFAULT-VALUE}).")
  String shmWait;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() {
    OverheadSettings settings = settings();
    if (chart != null && !OverheadChart.supports(chart)) {
      throw usage("--chart: the file name must end in .png or .svg, was " + chart);
    }
    OutputChecks.jsonAndChart(spec, output.json, "--chart", chart);
    PrintStream human = output.humanOut();
    ShmWait wait;
    try {
      wait = ShmWait.parse(shmWait);
    } catch (IllegalArgumentException e) {
      throw usage("--shm-wait: " + e.getMessage());
    }
    List<Transport> distinct = transports.stream().distinct().toList();
    List<Codec> distinctCodecs = codecs.stream().distinct().toList();
    human.println("overhead: codec " + String.join(",", distinctCodecs.stream().map(Codec::name).toList())
        + ", strings off the line " + (offLineThreshold == 0 ? "never" : "above " + offLineThreshold + " characters"));
    if (distinct.size() > 1 || distinctCodecs.size() > 1) {
      return compareTransports(settings, distinct, distinctCodecs, wait, human);
    }
    IpcSetup ipc = new IpcSetup(distinct.get(0), distinctCodecs.get(0), offLineThreshold, wait);
    OverheadReport report = new OverheadRun(settings, jvmOptions, ipc, System.err::println,
        line -> human.println("  measuring " + line + "...")).run();
    human.println();
    OverheadTable.print(human, report);
    if (output.json != null) {
      Json.write(output.json, OverheadJson.document(report));
    }
    if (chart != null) {
      OverheadChart.write(chart, report);
      human.println("chart: " + chart);
    }
    return ExitCodes.OK;
  }

  private int compareTransports(OverheadSettings settings, List<Transport> distinct, List<Codec> distinctCodecs,
      ShmWait wait, PrintStream human) {
    TransportComparison.Result result = new TransportComparison(settings, distinct, distinctCodecs, offLineThreshold,
        jvmOptions, wait, System.err::println, line -> human.println("  measuring " + line + "...")).run();
    human.println();
    TransportTable.print(human, result);
    if (output.json != null) {
      Json.write(output.json, TransportJson.document(result));
    }
    if (chart != null) {
      OverheadChart.write(chart, result);
      human.println("chart: " + chart);
    }
    return ExitCodes.OK;
  }

  private OverheadSettings settings() {
    int count = workers == null ? ProcessPoolOptions.defaultWorkers() : workers;
    requireAtLeast("--workers", count, 1);
    String tooMany = noWorkerLimit ? null : WorkerLimit.exceededBy(count);
    if (tooMany != null) {
      throw usage("--workers: " + tooMany);
    }
    requireAtLeast("--tasks", tasks, 1);
    requireAtLeast("--round-trips", roundTrips, 1);
    requireAtLeast("--starts", starts, 1);
    requireAtLeast("--repeats", repeats, 1);
    requireAtLeast("--off-line-threshold", offLineThreshold, 0);
    return new OverheadSettings(count, tasks, roundTrips, starts, repeats);
  }

  private void requireAtLeast(String option, int value, int minimum) {
    if (value < minimum) {
      throw usage(option + " must be at least " + minimum + ", was " + value);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
