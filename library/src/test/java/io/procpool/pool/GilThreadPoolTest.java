package io.procpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.task.TaskRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The emulated GIL, judged by overlap of recorded run intervals rather than by timings. */
final class GilThreadPoolTest {
  private static final TaskRegistry REGISTRY = TaskRegistry.load(GilThreadPoolTest.class.getClassLoader());

  @Test
  void gilThreads_cpuHeavyOnFourThreads_neverRunTwoTasksAtOnce() {
    List<Execution> executions = runAll(TaskPool.gilThreads(REGISTRY, 4), "cpu-heavy",
        Collections.nCopies(12, 3_000_000L));

    assertEquals(1, maxOverlap(executions), "tasks ran at the same time under the GIL");
    assertTrue(executions.stream().map(Execution::thread).distinct().count() > 1,
        "expected several threads to take part");
  }

  @Test
  void gilThreads_sleepReleasesTheLock_tasksOverlap() {
    List<Execution> executions = runAll(TaskPool.gilThreads(REGISTRY, 4), "sleep", Collections.nCopies(4, 300L));

    assertTrue(maxOverlap(executions) >= 2, "sleeping tasks should overlap, as in CPython");
  }

  @Test
  void gilThreads_reportsItsOwnModeAndThreadNames() {
    TaskPool pool = TaskPool.gilThreads(REGISTRY, 2);
    List<Execution> executions = runAll(pool, "noop", Collections.nCopies(4, 1L));

    assertEquals(Mode.GIL_THREAD, pool.mode());
    assertTrue(executions.get(0).thread().startsWith("procpool-gil-thread-"), executions.get(0).thread());
  }

  private static List<Execution> runAll(TaskPool pool, String task, List<Long> arguments) {
    List<Execution> executions = new ArrayList<>();
    try (pool) {
      for (CompletableFuture<Execution> future : pool.executeAll(task, arguments, 1)) {
        executions.add(future.join());
      }
    }
    executions.forEach(execution -> assertTrue(!execution.failed(), String.valueOf(execution.failure())));
    return executions;
  }

  /** The most intervals [startedAt, startedAt + micros) that share an instant. */
  static int maxOverlap(List<Execution> executions) {
    List<long[]> events = new ArrayList<>();
    for (Execution execution : executions) {
      events.add(new long[] {execution.startedAt(), +1});
      events.add(new long[] {execution.startedAt() + execution.micros(), -1});
    }
    // ends sort before starts at the same instant: touching intervals do not overlap
    events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int running = 0;
    int most = 0;
    for (long[] event : events) {
      running += (int) event[1];
      most = Math.max(most, running);
    }
    return most;
  }
}
