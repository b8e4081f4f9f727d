package io.procpool.timeline;

import io.procpool.run.RunReport;
import io.procpool.run.StartupRecord;
import io.procpool.run.TaskRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Gantt chart of one run shows: a lane per worker process (process modes) or thread
 * (in-JVM modes), a bar per task over the time its code ran, and each worker JVM's start-up.
 * When there are more workers than fit (a thread per task, a JVM per task), lanes whose spans
 * do not overlap share a row: see {@link LanePacking}.
 *
 * @param title the chart's title
 * @param laneTitle what a lane is, for the axis title
 * @param lanes the lanes' labels, top first
 * @param bars every bar
 * @param wallMillis the run's wall time
 * @param readyMillis when the last of the first workers said hello (0 without processes)
 */
public record Timeline(String title, String laneTitle, List<String> lanes, List<Bar> bars, double wallMillis,
    double readyMillis) {
  /** More lanes than this are packed into shared rows. */
  public static final int MAX_LANES = 24;

  private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?)(\\d+)$");

  public Timeline {
    lanes = List.copyOf(lanes);
    bars = List.copyOf(bars);
  }

  /** The timeline of one run; the report must keep its task records. */
  public static Timeline of(RunReport report) {
    Map<String, List<Bar>> byWorker = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (StartupRecord startup : report.workerStartups()) {
      byWorker.computeIfAbsent(startup.worker(), key -> new ArrayList<>())
          .add(new Bar(-1, startup.spawnedMillis(), startup.readyMillis(), Bar.Kind.STARTUP, ""));
      labels.put(startup.worker(), startup.worker() + " pid " + startup.pid());
    }
    for (TaskRecord task : report.results() == null ? List.<TaskRecord>of() : report.results()) {
      if (task.startedMillis() < 0 || task.worker() == null || task.worker().isEmpty()) {
        continue; // never ran: nothing to draw
      }
      double end = task.startedMillis() + task.micros() / 1000.0;
      byWorker.computeIfAbsent(task.worker(), key -> new ArrayList<>())
          .add(new Bar(-1, task.startedMillis(), end, task.failed() ? Bar.Kind.FAILED_TASK : Bar.Kind.TASK,
              "#" + task.index()));
      labels.putIfAbsent(task.worker(), shortName(task.worker()));
    }
    List<String> workers = new ArrayList<>(byWorker.keySet());
    workers.sort(Timeline::naturalOrder);

    boolean processes = !report.workerStartups().isEmpty();
    String units = processes ? "worker processes" : "threads";
    LanePacking packing = LanePacking.of(workers, byWorker, MAX_LANES);
    List<String> laneLabels = new ArrayList<>();
    for (List<String> row : packing.rows()) {
      laneLabels.add(row.size() == 1 ? labels.get(row.get(0)) : row.size() + " " + units);
    }
    List<Bar> bars = new ArrayList<>();
    for (int lane = 0; lane < packing.rows().size(); lane++) {
      for (String worker : packing.rows().get(lane)) {
        for (Bar bar : byWorker.get(worker)) {
          bars.add(new Bar(lane, bar.startMillis(), bar.endMillis(), bar.kind(), bar.label()));
        }
      }
    }
    double ready = report.workerStartups().stream().limit(report.workers())
        .mapToDouble(StartupRecord::readyMillis).max().orElse(0);
    String laneTitle = packing.packed()
        ? workers.size() + " " + units + ", packed into rows where they did not overlap"
        : processes ? "worker process" : "thread";
    String title = String.format(Locale.ROOT, "%s: %d %s tasks, %d %s, %s%s - wall %.0f ms%s", report.mode(),
        report.tasks(), report.workload(), report.workers(),
        report.workers() != 1 ? units : processes ? "worker process" : "thread", report.style(),
        report.chunksize() > 1 ? ", chunksize " + report.chunksize() : "", report.wallMillis(),
        processes ? String.format(Locale.ROOT, ", start-up %.0f ms", report.startupMillis()) : "");
    return new Timeline(title, laneTitle, laneLabels, bars, report.wallMillis(), ready);
  }

  /** The title, then one line per lane listing its bars: the chart's content as text. */
  public String describe() {
    StringBuilder text = new StringBuilder(title).append('\n').append("lanes (").append(laneTitle).append("):");
    for (int lane = 0; lane < lanes.size(); lane++) {
      text.append('\n').append(lanes.get(lane)).append(':');
      for (Bar bar : bars) {
        if (bar.lane() == lane) {
          String what = bar.kind() == Bar.Kind.STARTUP ? "start-up" : bar.label()
              + (bar.kind() == Bar.Kind.FAILED_TASK ? " failed" : "");
          text.append(String.format(Locale.ROOT, " %s %.0f-%.0f ms;", what, bar.startMillis(), bar.endMillis()));
        }
      }
    }
    return text.toString();
  }

  /** "procpool-thread-3" reads as "thread-3"; other names stay. */
  private static String shortName(String worker) {
    return worker.startsWith("procpool-") ? worker.substring("procpool-".length()) : worker;
  }

  /** w2 before w10, thread-2 before thread-10. */
  static int naturalOrder(String a, String b) {
    Matcher left = TRAILING_NUMBER.matcher(a);
    Matcher right = TRAILING_NUMBER.matcher(b);
    if (left.matches() && right.matches() && left.group(1).equals(right.group(1))) {
      return Comparator.<String, Long>comparing(Long::parseLong).compare(left.group(2), right.group(2));
    }
    return a.compareTo(b);
  }
}
