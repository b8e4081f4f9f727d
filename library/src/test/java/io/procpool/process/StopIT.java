package io.procpool.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.ProcessPoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link ProcessPool#stop}: the grace, then kills; every future ends once, no worker is left. */
final class StopIT {
  private final StderrLines log = new StderrLines();

  @Test
  void stop_longTasksRunningAndQueued_interruptsRunningCancelsQueuedAndKillsEveryWorker() {
    ProcessPool pool = ProcessPool.start(ProcessPoolOptions.builder().workers(2).maxInFlight(1).stderr(log).build());
    List<ProcessHandle> workers = pool.pids().stream().map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
    List<CompletableFuture<Execution>> quick = List.of(pool.execute("noop", 1L), pool.execute("noop", 2L));
    await().atMost(Duration.ofSeconds(20)).until(() -> quick.stream().allMatch(CompletableFuture::isDone));
    List<CompletableFuture<Execution>> futures = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      futures.add(pool.execute("sleep", 60_000L));
    }
    long start = System.nanoTime();

    pool.stop(Duration.ofMillis(300));

    assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "stop waited for the sleeps");
    List<String> kinds = new ArrayList<>();
    for (CompletableFuture<Execution> future : futures) {
      assertTrue(future.isDone(), "a future is still open after stop");
      if (future.isCancelled()) {
        kinds.add(FailureKind.CANCELLED.wireName());
        continue;
      }
      Execution execution = future.join();
      kinds.add(execution.failed() ? execution.failure().kind().wireName() : "value");
    }
    assertEquals(2, kinds.stream().filter(FailureKind.INTERRUPTED.wireName()::equals).count(), kinds.toString());
    assertEquals(4, kinds.stream().filter(FailureKind.CANCELLED.wireName()::equals).count(), kinds.toString());
    assertEquals(2, pool.launchedCount(), "an interrupted task was retried on a new worker");
    for (ProcessHandle worker : workers) {
      await().atMost(Duration.ofSeconds(5)).until(() -> !worker.isAlive());
      assertFalse(worker.isAlive());
    }
  }

  @Test
  void stop_tasksQueuedInsideTheWorkers_runningOnesFinishInTheGraceTheQueuedAreCancelled() {
    ProcessPool pool = ProcessPool.start(ProcessPoolOptions.builder().workers(2).stderr(log).build());
    List<ProcessHandle> workers = pool.pids().stream().map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
    List<CompletableFuture<Execution>> futures = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      futures.add(pool.execute("sleep", 1000L)); // 64 in flight: all 6 go into the workers' pipes
    }
    long start = System.nanoTime();

    pool.stop(Duration.ofSeconds(30));

    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 5, "stop ran the queued tasks too: " + seconds + " s");
    List<String> kinds = new ArrayList<>();
    for (CompletableFuture<Execution> future : futures) {
      assertTrue(future.isDone(), "a future is still open after stop");
      kinds.add(future.isCancelled() ? "cancelled"
          : future.join().failed() ? future.join().failure().kind().wireName() : "value");
    }
    assertEquals(2, kinds.stream().filter("value"::equals).count(), kinds.toString());
    assertEquals(4, kinds.stream().filter("cancelled"::equals).count(), kinds.toString());
    for (ProcessHandle worker : workers) {
      await().atMost(Duration.ofSeconds(5)).until(() -> !worker.isAlive());
    }
  }
}
