package io.procpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.task.TaskRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** {@link TaskPool#stop} on the in-JVM pools: queued tasks cancelled, running ones interrupted after the grace. */
final class LocalStopTest {
  private static final TaskRegistry TASKS = TaskRegistry.builtIn();

  @Test
  void stop_threadPoolWithLongSleeps_interruptsTheRunningAndCancelsTheQueued() {
    TaskPool pool = TaskPool.threads(TASKS, 2);
    List<CompletableFuture<Execution>> futures = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      futures.add(pool.execute("sleep", 60_000L));
    }
    awaitBothThreadsSleeping();
    long start = System.nanoTime();

    pool.stop(Duration.ofMillis(100));

    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "stop waited for the tasks");
    assertEquals(List.of("interrupted", "interrupted", "cancelled", "cancelled", "cancelled", "cancelled"),
        futures.stream().map(LocalStopTest::outcome).toList());
  }

  @Test
  void stop_serialPoolChunkCutShort_finishedTasksKeepTheirValues() throws Exception {
    TaskPool pool = TaskPool.serial(TASKS);
    List<CompletableFuture<Execution>> futures = new ArrayList<>();
    Thread caller = new Thread(() -> futures.addAll(pool.executeChunk("sleep", List.of(0L, 60_000L, 0L))));
    caller.start();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.TIMED_WAITING);

    pool.stop(Duration.ofMillis(50));
    caller.join(5_000);

    assertEquals(List.of("value", "interrupted", "cancelled"), futures.stream().map(LocalStopTest::outcome).toList());
  }

  @Test
  void stop_tasksThatFinishWithinTheGrace_keepTheirValues() {
    TaskPool pool = TaskPool.threads(TASKS, 2);
    List<CompletableFuture<Execution>> futures = List.of(pool.execute("sleep", 300L), pool.execute("sleep", 300L));
    awaitBothThreadsSleeping();

    pool.stop(Duration.ofSeconds(10));

    assertEquals(List.of("value", "value"), futures.stream().map(LocalStopTest::outcome).toList());
  }

  /** Both pool threads are inside their sleep: running, no longer queued. */
  private static void awaitBothThreadsSleeping() {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet()
        .stream().filter(thread -> thread.getName().startsWith("procpool-thread-"))
        .filter(thread -> thread.getState() == Thread.State.TIMED_WAITING).count() == 2);
  }

  private static String outcome(CompletableFuture<Execution> future) {
    assertTrue(future.isDone(), "a future is still open after stop");
    try {
      Execution execution = future.join();
      return execution.failed() ? execution.failure().kind().wireName() : "value";
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      return "cancelled";
    }
  }
}
