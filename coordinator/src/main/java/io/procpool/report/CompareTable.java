package io.procpool.report;

import io.procpool.run.RunReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The side-by-side table that {@code compare} prints. */
public final class CompareTable {
  private CompareTable() {}

  public static void print(PrintStream out, List<RunReport> runs) {
    String header = "%-17s %7s %10s %12s %8s %13s %9s %7s %6s%n";
    String row = "%-17s %7d %10.1f %12.0f %7.2fx %12.2fx %9d %7d %6s%n";
    out.printf(Locale.ROOT, header, "mode", "workers", "wall ms", "start-up ms", "speedup",
        "excl. start", "processes", "threads", "failed");
    for (RunReport run : runs) {
      out.printf(Locale.ROOT, row, run.mode(), run.workers(), run.wallMillis(), run.startupMillis(),
          run.speedup(), run.speedupExcludingStartup(), run.processes(), run.threads(),
          run.failed() == 0 ? "0" : Integer.toString(run.failed()));
    }
    out.println();
    out.println("processes that ran the tasks:");
    long self = ProcessHandle.current().pid();
    for (RunReport run : runs) {
      String pids = run.pids().stream()
          .map(pid -> pid == self ? pid + " (this JVM)" : Long.toString(pid))
          .collect(java.util.stream.Collectors.joining(", "));
      out.printf(Locale.ROOT, "  %-17s %s%s%n", run.mode(), pids, run.processes() > run.pids().size() ? ", ..." : "");
    }
  }
}
