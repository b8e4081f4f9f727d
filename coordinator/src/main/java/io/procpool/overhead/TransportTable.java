package io.procpool.overhead;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Prints a {@link TransportComparison.Result} as one table, a column per transport and codec. */
public final class TransportTable {
  private TransportTable() {}

  public static void print(PrintStream out, TransportComparison.Result result) {
    OverheadSettings settings = result.settings();
    IpcSetup first = result.columns().get(0).setup();
    out.printf(Locale.ROOT, "overhead by transport%s: %d workers, %d cpus, java %s; medians of %d alternating rounds%n",
        result.codecsDiffer() ? " and codec" : "", settings.workers(), result.cpus(), result.java(), settings.repeats());
    out.printf(Locale.ROOT, "codec %s, strings off the line %s%n%n",
        result.codecsDiffer() ? "by column" : first.codec().name(),
        first.offLineThreshold() == 0 ? "never" : "above " + first.offLineThreshold() + " characters");
    List<TransportComparison.Column> columns = result.columns();
    List<String> labels = result.labels();
    int width = Math.max(12, 2 + labels.stream().mapToInt(String::length).max().orElse(0));
    out.printf(Locale.ROOT, "%-44s", "");
    labels.forEach(label -> out.printf(Locale.ROOT, "%" + width + "s", label));
    out.println();
    rows(result).forEach((label, value) -> {
      out.printf(Locale.ROOT, "%-44s", label);
      columns.forEach(column -> out.printf(Locale.ROOT, "%" + width + ".2f", value.apply(column)));
      out.println();
    });
    out.printf(Locale.ROOT, "%n(round trips: %d per column; noop: %d tasks per round; the CPU time is this JVM's "
        + "and the workers', from the kernel)%n", columns.get(0).roundTrip().samples(), settings.tasks());
  }

  /** Each row's label and how to read it off a column; the JSON document uses the same figures. */
  static Map<String, Function<TransportComparison.Column, Double>> rows(TransportComparison.Result result) {
    Map<String, Function<TransportComparison.Column, Double>> rows = new LinkedHashMap<>();
    rows.put("worker start-up, spawn to ready p50 (ms)", TransportComparison.Column::startupP50Millis);
    rows.put("round trip, one in flight, p50 (µs)", column -> column.roundTrip().p50());
    rows.put("round trip, one in flight, p99 (µs)", column -> column.roundTrip().p99());
    rows.put("noop per task, chunksize 1, " + result.inFlight() + " in flight (µs)",
        TransportComparison.Column::noopMicros);
    rows.put("CPU time per noop task, all processes (µs)", TransportComparison.Column::cpuMicrosPerTask);
    for (int bytes : TransportComparison.ECHO_BYTES) {
      rows.put("echo " + size(bytes) + " (MiB/s)", column -> column.echoMiBPerSecond().get(bytes));
    }
    return rows;
  }

  static String size(int bytes) {
    return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }
}
