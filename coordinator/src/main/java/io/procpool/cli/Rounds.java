package io.procpool.cli;

import io.procpool.run.RunReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code compare --repeat}: the runs of every round, and the one each mode shows. Only the shown
 * candidates keep their records, so repeating costs no more memory than one more round.
 */
final class Rounds {
  /** One run's times, for the JSON and the line under the table. */
  record Timing(String mode, int round, double wallMillis, double startupMillis) {}

  private final Map<String, RunReport> fastest = new LinkedHashMap<>();
  private final Map<String, RunReport> latest = new LinkedHashMap<>();
  private final List<Timing> timings = new ArrayList<>();

  void add(int round, RunReport run) {
    timings.add(new Timing(run.mode(), round, run.wallMillis(), run.startupMillis()));
    latest.put(run.mode(), run);
    fastest.merge(run.mode(), run, (kept, next) -> next.wallMillis() < kept.wallMillis() ? next : kept);
  }

  /**
   * Each mode's run to show, in the order the modes first ran: its fastest round, as sweep keeps;
   * after a stop its latest, since a stopped run is shorter, not faster.
   */
  List<RunReport> shown(boolean stopped) {
    return List.copyOf((stopped ? latest : fastest).values());
  }

  List<Timing> timings() {
    return List.copyOf(timings);
  }

  /** Under the table: what it shows, and each mode's wall time (start-up) in every round. */
  void print(PrintStream out, int repeat, boolean stopped) {
    out.printf("%s; wall ms (start-up ms) of each round:%n", stopped
        ? "stopped: each mode's latest round is shown" : "each mode's fastest of " + repeat + " rounds is shown");
    for (String mode : latest.keySet()) {
      StringJoiner times = new StringJoiner(", ");
      timings.stream().filter(timing -> timing.mode().equals(mode)).forEach(timing ->
          times.add(String.format(Locale.ROOT, "%.1f (%.0f)", timing.wallMillis(), timing.startupMillis())));
      out.printf("  %-17s %s%n", mode, times);
    }
  }
}
