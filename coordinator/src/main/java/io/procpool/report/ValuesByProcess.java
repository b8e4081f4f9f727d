package io.procpool.report;

import io.procpool.run.RunReport;
import io.procpool.run.TaskRecord;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * For a task whose value depends on where it ran (counter), which process returned what: the
 * picture of memory isolation. Threads of one JVM share its static fields; every worker process
 * has its own copy, starting fresh.
 */
public final class ValuesByProcess {
  private static final long OWN_PID = ProcessHandle.current().pid();

  private ValuesByProcess() {}

  public static void print(PrintStream out, List<RunReport> runs) {
    out.println("Values by process (static state exists once per JVM: threads share it, each worker"
        + " process has its own):");
    List<Long> seenBefore = new ArrayList<>();
    for (RunReport run : runs) {
      Map<Long, List<TaskRecord>> byPid = new LinkedHashMap<>();
      for (TaskRecord record : run.results()) {
        if (!record.failed()) {
          byPid.computeIfAbsent(record.pid(), pid -> new ArrayList<>()).add(record);
        }
      }
      Map<String, List<Long>> pidsByDescription = new LinkedHashMap<>();
      for (Map.Entry<Long, List<TaskRecord>> entry : byPid.entrySet()) {
        pidsByDescription.computeIfAbsent(describe(entry.getValue()), key -> new ArrayList<>()).add(entry.getKey());
      }
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, List<Long>> group : pidsByDescription.entrySet()) {
        List<Long> pids = group.getValue();
        String who = pids.size() > 1 ? pids.size() + " worker processes, each"
            : pids.get(0) == OWN_PID ? "the coordinator's JVM (pid " + OWN_PID + ")" : "worker pid " + pids.get(0);
        String carried = pids.size() == 1 && seenBefore.contains(pids.get(0))
            ? " (the same JVM as an earlier mode: its state carried on)" : "";
        parts.add(who + ": " + group.getKey() + carried);
      }
      out.printf(Locale.ROOT, "  %-17s %s%n", run.mode(), String.join("; ", parts));
      seenBefore.addAll(byPid.keySet());
    }
  }

  /** "2 tasks, values 1..2", or the values themselves when they are not whole numbers. */
  private static String describe(List<TaskRecord> records) {
    String tasks = records.size() + (records.size() == 1 ? " task" : " tasks");
    if (records.stream().allMatch(record -> record.value() instanceof Number)) {
      long min = records.stream().mapToLong(record -> ((Number) record.value()).longValue()).min().orElse(0);
      long max = records.stream().mapToLong(record -> ((Number) record.value()).longValue()).max().orElse(0);
      return tasks + ", values " + (min == max ? Long.toString(min) : min + ".." + max);
    }
    List<String> values = records.stream().limit(5).map(record -> String.valueOf(record.value())).toList();
    return tasks + ", values " + String.join(", ", values) + (records.size() > 5 ? ", ..." : "");
  }
}
