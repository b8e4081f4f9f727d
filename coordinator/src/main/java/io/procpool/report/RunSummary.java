package io.procpool.report;

import io.procpool.run.RunReport;
import io.procpool.run.TaskRecord;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The short human summary that {@code run} prints. */
public final class RunSummary {
  /** How many failed tasks the summary describes one by one. */
  public static final int FAILURES_SHOWN = 5;

  private RunSummary() {}

  /** @param recordsWritten whether the run wrote per-task records to a file (--json, --timeline) */
  public static void print(PrintStream out, RunReport report, String sizes, List<TaskRecord> failures,
      Map<String, Integer> failureKinds, boolean recordsWritten) {
    out.printf(Locale.ROOT, "%s: %d %s tasks (%s) on %d %s, style %s, chunksize %d%n",
        report.mode(), report.tasks(), report.workload(), sizes, report.workers(),
        report.mode().startsWith("process") ? (report.workers() == 1 ? "worker process" : "worker processes")
            : report.mode().equals("serial") ? "thread (the caller's)" : report.workers() == 1 ? "thread" : "threads",
        report.style(), report.chunksize());
    out.printf(Locale.ROOT, "  %d completed, %d failed in %.1f ms (start-up %.0f ms)%n",
        report.completed(), report.failed(), report.wallMillis(), report.startupMillis());
    if (recordsWritten) {
      out.printf(Locale.ROOT, "  records written in %.1f ms (writeMillis: not in the wall time unless the run "
          + "outgrew its record buffer)%n", report.writeMillis());
    }
    out.printf(Locale.ROOT, "  ran on %d process%s and %d thread%s%s%n",
        report.processes(), report.processes() == 1 ? "" : "es",
        report.threads(), report.threads() == 1 ? "" : "s",
        report.workerProcesses() > 0 ? " (" + report.workerProcesses() + " worker process"
            + (report.workerProcesses() == 1 ? "" : "es") + " started)" : "");
    for (int i = 0; i < failures.size(); i++) {
      TaskRecord failed = failures.get(i);
      out.printf(Locale.ROOT, "  task %d failed (%s): %s%n", failed.index(), failed.error().type(),
          firstLine(failed.error().exception(), failed.error().message()));
      quotedLines(failed.error().message()).forEach(line -> out.println("      " + line));
    }
    if (report.failed() > failures.size()) {
      out.printf(Locale.ROOT, "  ... and %d more failures%n", report.failed() - failures.size());
    }
    if (!failureKinds.isEmpty()) {
      StringBuilder kinds = new StringBuilder("  failures by kind:");
      failureKinds.forEach((kind, count) -> kinds.append(' ').append(kind).append(' ').append(count).append(','));
      out.println(kinds.substring(0, kinds.length() - 1));
    }
  }

  /**
   * The lines a message quotes after a first line that announces them ("...; last stderr
   * lines:"), which the first line alone would leave empty.
   */
  private static java.util.List<String> quotedLines(String message) {
    java.util.List<String> lines = message.lines().toList();
    return lines.size() > 1 && lines.get(0).endsWith(":") ? lines.subList(1, lines.size()) : java.util.List.of();
  }

  private static String firstLine(String exception, String message) {
    String line = message.lines().findFirst().orElse("");
    return exception.equals(line) || line.startsWith(exception) ? line : exception + ": " + line;
  }
}
