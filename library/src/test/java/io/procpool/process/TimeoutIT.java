package io.procpool.process;

import static io.procpool.process.Processes.report;
import static io.procpool.process.Processes.running;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Tasks that outlive the timeout: their worker (and all it started) is killed, the pool goes on. */
@ExtendWith(PoolInvariants.class)
final class TimeoutIT {
  private final StderrLines log = new StderrLines();

  @Test
  void execute_taskOverTimeout_killedRetriedThenFailsAsTimeoutWhileOthersComplete() throws Exception {
    ProcessPoolOptions options = ProcessPoolOptions.builder()
        .workers(2).timeout(Duration.ofMillis(500)).retries(1).stderr(log).build();
    try (ProcessPool pool = PoolInvariants.start(options)) {
      long start = System.nanoTime();
      CompletableFuture<Execution> stuck = pool.execute("sleep", 60_000L);
      List<CompletableFuture<Execution>> quick = new ArrayList<>();
      for (long i = 0; i < 20; i++) {
        quick.add(pool.execute("sleep", 20L));
      }

      Execution result = stuck.get(20, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - start) / 1e9;

      TaskFailure failure = result.failure();
      assertEquals(FailureKind.TIMEOUT, failure.kind());
      assertEquals(2, result.attempts());
      assertTrue(failure.message().startsWith("task exceeded the timeout of 500 ms; worker w"), failure.message());
      assertTrue(failure.message().contains("was killed by signal 9 (SIGKILL)"), failure.message());
      for (CompletableFuture<Execution> future : quick) {
        Execution execution = future.get(20, TimeUnit.SECONDS);
        assertNull(execution.failure(), () -> String.valueOf(execution.failure()));
        assertEquals(20L, execution.value());
      }
      assertEquals(21L, pool.execute("noop", 21L).get(20, TimeUnit.SECONDS).value());
      assertEquals(2 + 2, pool.launchedCount(), "one replacement per killed worker");
      assertEquals(0, log.count("already completed"), "every task ends exactly once");
      report("timeout run: 60 s task failed as timeout after %d attempts in %.1f s, %d/%d quick tasks done,"
          + " %d workers launched", result.attempts(), seconds, quick.size(), quick.size(), pool.launchedCount());
    }
  }

  @Test
  void execute_taskOverTimeout_killsWorkersWholeProcessTree(@TempDir Path dir) throws Exception {
    // A wrapper leaves a child process behind the worker: the timeout must take it too.
    List<String> command = Processes.workerLeavingAChild("sleep 120 </dev/null >/dev/null 2>&1", dir.resolve("started"));
    ProcessPoolOptions options = ProcessPoolOptions.builder().workers(1).workerCommand(command)
        .timeout(Duration.ofMillis(300)).retries(0).stderr(log).build();
    List<Long> children = new ArrayList<>();
    try (ProcessPool pool = PoolInvariants.start(options)) {
      CompletableFuture<Execution> stuck = pool.execute("sleep", 60_000L);
      long worker = Processes.onlyWorker(pool);
      children.addAll(Processes.children(worker));
      assertEquals(1, children.size(), "the wrapper's background sleep");

      Execution result = stuck.get(10, TimeUnit.SECONDS);

      assertEquals(FailureKind.TIMEOUT, result.failure().kind());
      assertFalse(running(worker));
      await().atMost(Duration.ofSeconds(2)).until(() -> !running(children.get(0)));
      report("timeout tree kill: worker pid %d and its child pid %d both gone", worker, children.get(0));
    } finally {
      children.forEach(Processes::killIfRunning); // only matters when an assertion failed
    }
  }
}
