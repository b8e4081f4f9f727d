package io.procpool.overhead;

import io.procpool.protocol.VectorScans;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/** The tables {@code overhead} prints. */
public final class OverheadTable {
  private OverheadTable() {}

  public static void print(PrintStream out, OverheadReport report) {
    OverheadSettings settings = report.settings();
    out.printf(Locale.ROOT, "overhead: %d workers, %d cpus, java %s; %d noop tasks per run, median of %d runs%n%n",
        settings.workers(), report.cpus(), report.java(), settings.tasks(), settings.repeats());
    startup(out, report);
    roundTrip(out, report);
    perTask(out, report);
    inFlight(out, report);
    payload(out, report);
    typed(out, report);
    split(out, report);
    out.printf(Locale.ROOT, "measured in %.1f s%n", report.seconds());
  }

  private static void startup(PrintStream out, OverheadReport report) {
    out.println("Worker start-up, spawn to ready (ms)");
    out.printf(Locale.ROOT, "  %-56s %7s %7s %7s %8s %9s%n", "", "workers", "p50", "max", "JVM p50",
        "procpool");
    for (StartupFigures figures : report.startup()) {
      out.printf(Locale.ROOT, "  %-56s %7d %7.1f %7.1f %8.1f %9.1f%n", figures.label(), figures.samples(),
          figures.p50Millis(), figures.maxMillis(), figures.jvmP50Millis(), figures.initP50Millis());
    }
    out.println("  (JVM: spawn until procpool's main runs, plus the hello's transit; procpool: main to ready)");
    out.println();
  }

  private static void roundTrip(PrintStream out, OverheadReport report) {
    RoundTripFigures figures = report.roundTrip();
    LatencySummary latency = figures.latency();
    out.printf(Locale.ROOT, "Round trip of a noop task, exactly one in flight (µs; %d samples after %d warm-up)%n",
        latency.samples(), figures.warmup());
    out.printf(Locale.ROOT, "  %9s %9s %9s %9s%n", "p50", "p90", "p99", "max");
    out.printf(Locale.ROOT, "  %9.1f %9.1f %9.1f %9.1f%n%n", latency.p50(), latency.p90(), latency.p99(),
        latency.max());
  }

  private static void perTask(PrintStream out, OverheadReport report) {
    out.printf(Locale.ROOT, "Per-task cost of noop, all %d tasks submitted at once (process: %d in flight per worker)%n",
        report.settings().tasks(), report.defaultInFlight());
    out.printf(Locale.ROOT, "  %-9s %11s %11s   %11s %11s   %11s %11s%n", "chunksize", "process µs", "tasks/s",
        "thread µs", "tasks/s", "serial µs", "tasks/s");
    for (int chunksize : OverheadSettings.CHUNKSIZES) {
      out.printf(Locale.ROOT, "  %-9d %s   %s   %s%n", chunksize, cell(report.point("process", chunksize)),
          cell(report.point("thread", chunksize)), cell(report.point("serial", chunksize)));
    }
    report.point(RunCostProbe.MODE, RunCostProbe.CHUNKSIZE).ifPresent(run -> {
      double pool = report.point("serial", RunCostProbe.CHUNKSIZE).map(ThroughputPoint::microsPerTask).orElse(0.0);
      out.printf(Locale.ROOT, "  run's own cost per task: %.3f µs (run of noop, serial, chunksize %d, wall time"
          + " with --json: %.3f µs, less the pool's %.3f)%n", run.microsPerTask() - pool, RunCostProbe.CHUNKSIZE,
          run.microsPerTask(), pool);
      report.point(RunCostProbe.RECORDS_MODE, RunCostProbe.CHUNKSIZE).ifPresent(records -> out.printf(Locale.ROOT,
          "  run's records per task: %.3f µs (--json written after the wall clock stops, writeMillis)%n",
          records.microsPerTask()));
    });
    out.println();
  }

  private static void inFlight(PrintStream out, OverheadReport report) {
    out.println("Process pool by requests in flight per worker (noop, chunksize 1)");
    out.printf(Locale.ROOT, "  %-9s %11s %11s%n", "in-flight", "µs/task", "tasks/s");
    for (int inFlight : OverheadSettings.IN_FLIGHTS) {
      out.printf(Locale.ROOT, "  %-9d %s%n", inFlight, cell(report.point("process", 1, inFlight)));
    }
    out.println();
  }

  private static void payload(PrintStream out, OverheadReport report) {
    out.println("Payload: echo of a string argument through a worker and back (chunksize 1)");
    out.printf(Locale.ROOT, "  %-9s %7s %11s %11s%n", "bytes", "tasks", "µs/task", "MiB/s");
    for (PayloadPoint point : report.payload()) {
      out.printf(Locale.ROOT, "  %-9s %7d %11.2f %11.1f%n", size(point.bytes()), point.tasks(), point.microsPerTask(),
          point.mibPerSecond());
    }
    out.println("  (MiB/s counts each argument once; it crosses the pipes twice, there and back. At most 32 MiB");
    out.println("  is outstanding and each result is dropped once checked, as procpool run does.)");
    out.println(report.vectorScans()
        ? "  Strings scanned with the Vector API, in the coordinator and the workers."
        : "  Strings scanned word-wise; java --add-modules " + VectorScans.MODULE
            + " -jar procpool.jar ... scans them with SIMD.");
    out.println();
  }

  private static void typed(PrintStream out, OverheadReport report) {
    TypedProbe.Figures typed = report.typed();
    out.println("Typed calls: your own method and record (process pool)");
    String ratio = report.point("process", 1)
        .map(noop -> String.format(Locale.ROOT, "  (%.2fx noop at chunksize 1)", typed.recordMicros() / noop.microsPerTask()))
        .orElse("");
    out.printf(Locale.ROOT, "  %-58s %7.2f%s%n", "5-field record in and out, all submitted at once, µs/task",
        typed.recordMicros(), ratio);
    out.printf(Locale.ROOT, "  %-58s %7.2f%n%n", "map(identity, " + typed.identityTasks() + " ints, 1000), µs/task",
        typed.identityMicros());
  }

  private static void split(PrintStream out, OverheadReport report) {
    TimeSplit split = report.split();
    CodecFigures codec = report.codec();
    out.println("Where a noop round trip goes (µs, at the p50)");
    out.printf(Locale.ROOT, "  %-58s %7.2f%n",
        String.format(Locale.ROOT, "encode: request %.2f + answer %.2f (in-process)", codec.encodeRunMicros(),
            codec.encodeDoneMicros()), split.encodeMicros());
    out.printf(Locale.ROOT, "  %-58s %7.2f%n",
        String.format(Locale.ROOT, "decode: request %.2f + answer %.2f (in-process)", codec.decodeRunMicros(),
            codec.decodeDoneMicros()), split.decodeMicros());
    out.printf(Locale.ROOT, "  %-58s %7.2f%n", "compute (worker-measured, Outcome.micros)", split.computeMicros());
    out.printf(Locale.ROOT, "  %-58s %7.2f%n", "pipe transit and thread hand-offs (the remainder)",
        split.transitMicros());
    out.printf(Locale.ROOT, "  %-58s %7.2f%n%n", "round trip p50", split.roundTripMicros());
  }

  private static String cell(Optional<ThroughputPoint> point) {
    return point.map(p -> String.format(Locale.ROOT, "%11.2f %11.0f", p.microsPerTask(), p.tasksPerSecond()))
        .orElse(String.format(Locale.ROOT, "%11s %11s", "-", "-"));
  }

  static String size(int bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " B";
  }
}
