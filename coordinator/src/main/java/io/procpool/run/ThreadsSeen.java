package io.procpool.run;

import io.procpool.pool.Execution;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which threads of which processes ran a run's tasks: the report's {@code processes}, {@code pids}
 * and {@code threads}. Not thread-safe: the run counts under its lock.
 */
final class ThreadsSeen {
  private final Map<Long, Set<String>> threadsByPid = new HashMap<>();
  /** The last pair counted: a run of tasks on one thread costs a comparison each, no hashing. */
  private long lastPid = Long.MIN_VALUE;
  private String lastThread = "";

  /** Counts the thread that ran the task; one that never ran (no pid) counts nowhere. */
  void saw(Execution execution) {
    long pid = execution.pid();
    if (pid > 0 && (pid != lastPid || !execution.thread().equals(lastThread))) {
      threadsByPid.computeIfAbsent(pid, key -> new HashSet<>()).add(execution.thread());
      lastPid = pid;
      lastThread = execution.thread();
    }
  }

  /** The processes that ran tasks, in ascending order. */
  List<Long> pids() {
    return threadsByPid.keySet().stream().sorted().toList();
  }

  /** How many distinct (process, thread) pairs ran tasks. */
  int threads() {
    return threadsByPid.values().stream().mapToInt(Set::size).sum();
  }
}
