package io.procpool.process;

import static io.procpool.process.Processes.running;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.Mode;
import io.procpool.pool.PoolClosedException;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskFailedException;
import io.procpool.pool.TaskPool;
import io.procpool.task.Fail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The process pool keeps the semantics of Python's ProcessPoolExecutor. */
@ExtendWith(PoolInvariants.class)
final class ExecutorSemanticsIT {
  private final StderrLines log = new StderrLines();

  @Test
  void shutdown_cancelPending_cancelsQueuedFuturesFinishesRunningOneRefusesNewWork() throws Exception {
    ProcessPool pool = PoolInvariants.start(options().workers(1).maxInFlight(1).build());
    List<Long> pids = pool.pids();
    CompletableFuture<Execution> running = pool.execute("sleep", 300L);
    List<CompletableFuture<Execution>> queued = pool.executeAll("noop", List.of(1L, 2L, 3L, 4L), 1);

    pool.shutdown(/* wait= */ false, /* cancelPending= */ true);

    queued.forEach(future -> assertTrue(future.isCancelled()));
    assertThrows(PoolClosedException.class, () -> pool.submit("noop", 5L));
    assertEquals(300L, running.get(10, TimeUnit.SECONDS).value());
    pool.shutdown(/* wait= */ true, /* cancelPending= */ false);
    assertTrue(pool.pids().isEmpty());
    pids.forEach(pid -> assertFalse(running(pid)));
  }

  @Test
  void close_withQueuedWork_runsEverythingThenEndsWorkers() throws Exception {
    List<CompletableFuture<Execution>> futures;
    List<Long> pids;
    try (ProcessPool pool = PoolInvariants.start(options().workers(2).build())) {
      pids = pool.pids();
      futures = pool.executeAll("sleep", List.of(100L, 100L, 100L, 100L, 100L), 1);
    }

    for (CompletableFuture<Execution> future : futures) {
      assertTrue(future.isDone(), "close waits for queued work");
      assertEquals(100L, future.get().value());
    }
    pids.forEach(pid -> assertFalse(running(pid)));
  }

  @Test
  void execute_maxTasksPerWorker_replacesWorkersAfterThatManyTasks() throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options().workers(1).maxTasksPerWorker(3).build())) {
      List<CompletableFuture<Execution>> futures = pool.executeAll("counter", List.of(0, 0, 0, 0, 0, 0, 0, 0, 0), 1);

      Map<Long, List<Object>> valuesByPid = valuesByPid(futures);

      assertEquals(3, valuesByPid.size(), "three workers, three tasks each: " + valuesByPid);
      valuesByPid.values().forEach(values -> assertEquals(List.of(1L, 2L, 3L), values));
    }
  }

  @Test
  void execute_counterInitializer_runsOnceInEachWorkerBeforeItsFirstTask() throws Exception {
    ProcessPoolOptions options = options().workers(2).maxTasksPerWorker(4).initializer("counter", null).build();
    try (ProcessPool pool = PoolInvariants.start(options)) {
      List<CompletableFuture<Execution>> futures = pool.executeAll("counter", List.of(0, 0, 0, 0, 0, 0, 0, 0), 1);

      Map<Long, List<Object>> valuesByPid = valuesByPid(futures);

      // Replacement workers (max 4 tasks each) run the initializer too.
      assertTrue(valuesByPid.size() >= 2, "several workers: " + valuesByPid);
      for (List<Object> values : valuesByPid.values()) {
        assertEquals(2L, values.get(0), "the initializer took 1: " + valuesByPid);
        for (int i = 1; i < values.size(); i++) {
          assertEquals((long) values.get(i - 1) + 1, values.get(i));
        }
      }
    }
  }

  @Test
  void execute_processPerTask_eachTaskInItsOwnFreshProcess() throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options().workers(2).processPerTask(true).build())) {
      List<CompletableFuture<Execution>> futures = pool.executeAll("counter", List.of(0, 0, 0, 0, 0, 0), 1);

      Map<Long, List<Object>> valuesByPid = valuesByPid(futures);

      assertEquals(6, valuesByPid.size(), "one pid per task: " + valuesByPid);
      valuesByPid.values().forEach(values -> assertEquals(List.of(1L), values));
      assertEquals(Mode.PROCESS_PER_TASK, pool.mode());
    }
  }

  @Test
  void map_nonUniformTaskLengths_valuesInArgumentOrder() throws Exception {
    List<Long> millis = List.of(250L, 5L, 120L, 0L, 60L, 1L, 180L, 30L);
    try (ProcessPool pool = PoolInvariants.start(options().workers(2).build())) {
      for (int chunksize : new int[] {1, 3}) {
        List<Object> values = new ArrayList<>();
        pool.map("sleep", millis, chunksize).forEachRemaining(values::add);

        assertEquals(new ArrayList<Object>(millis), values, "chunksize " + chunksize);
      }
    }
  }

  @Test
  void asCompleted_slowThenFastTask_fastOneComesFirst() throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options().workers(2).build())) {
      CompletableFuture<Object> slow = pool.submit("sleep", 300L);
      CompletableFuture<Object> fast = pool.submit("sleep", 50L);

      Iterator<CompletableFuture<Object>> done = TaskPool.asCompleted(List.of(slow, fast)).iterator();

      assertSame(fast, done.next());
      assertSame(slow, done.next());
      assertFalse(done.hasNext());
      assertEquals(300L, slow.get());
    }
  }

  @Test
  void submit_failingTask_exceptionCarriesRemoteClassMessageAndTrace() throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options().workers(1).build())) {
      ExecutionException thrown = assertThrows(ExecutionException.class,
          () -> pool.submit("fail", 7L).get(30, TimeUnit.SECONDS));

      TaskFailedException failed = assertInstanceOf(TaskFailedException.class, thrown.getCause());
      assertEquals(FailureKind.TASK_ERROR, failed.kind());
      assertEquals("java.lang.IllegalStateException", failed.remoteException());
      assertEquals("java.lang.IllegalStateException: " + Fail.MESSAGE_PREFIX + " for argument 7", failed.getMessage());
      assertTrue(failed.remoteTrace().contains("at io.procpool.task.Fail.run("), failed.remoteTrace());
      assertTrue(failed.getCause().getMessage().contains("at io.procpool.task.Fail.run("),
          "the remote trace shows in the exception's own printout");
      // A task error is the task's, not the worker's: no retry, and the worker lives on.
      Execution execution = pool.execute("fail", 8L).get(30, TimeUnit.SECONDS);
      assertEquals(1, execution.attempts());
      assertEquals(1, pool.launchedCount());
      Iterator<Object> mapped = pool.map("fail", List.of(9L), 1);
      assertThrows(TaskFailedException.class, mapped::next);
    }
  }

  @Test
  void start_commandExitsBeforeHello_throwsWorkerStartException() {
    // A command that exits at once never says hello: the pool gives up instead of waiting.
    ProcessPoolOptions options = options().workers(1).workerCommand(List.of("false")).build();

    WorkerStartException thrown = assertThrows(WorkerStartException.class, () -> PoolInvariants.start(options));

    assertTrue(thrown.getMessage().contains("worker w1 (pid "), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("exited with status 1"), thrown.getMessage());
  }

  @Test
  void executeChunk_workersDieIdleOneAfterAnother_pendingWorkFailsAsStartFailure() throws Exception {
    // Each worker answers its hello, then exits before doing anything: a broken command.
    String script = "echo '{\"type\":\"hello\",\"protocol\":1,\"pid\":'$$',\"inFlight\":1}'; sleep 0.3";
    ProcessPoolOptions options = options().workers(1).workerCommand(List.of("sh", "-c", script)).build();
    try (ProcessPool pool = PoolInvariants.start(options)) {
      // Held for a while: between a death and its replacement's launch there are no pids either.
      await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(800))
          .until(() -> pool.launchedCount() >= 3 && pool.pids().isEmpty());

      Execution execution = pool.execute("noop", 1L).get(10, TimeUnit.SECONDS);

      assertEquals(FailureKind.WORKER_START_FAILED, execution.failure().kind());
      assertTrue(execution.failure().message().contains("3 failures in a row"), execution.failure().message());
      assertEquals(3, pool.launchedCount(), "no endless respawning");
    }
  }

  private static Map<Long, List<Object>> valuesByPid(List<CompletableFuture<Execution>> futures) throws Exception {
    Map<Long, List<Object>> byPid = new TreeMap<>();
    for (CompletableFuture<Execution> future : futures) {
      Execution execution = future.get(60, TimeUnit.SECONDS);
      assertNull(execution.failure(), () -> String.valueOf(execution.failure()));
      byPid.computeIfAbsent(execution.pid(), pid -> new ArrayList<>()).add(execution.value());
    }
    return byPid;
  }

  private ProcessPoolOptions.Builder options() {
    return ProcessPoolOptions.builder().stderr(log);
  }
}
