package io.procpool.process;

import static io.procpool.process.PoolFixture.answer;
import static io.procpool.process.PoolFixture.runs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.protocol.Done;
import io.procpool.protocol.Outcome;
import io.procpool.protocol.Run;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Where work goes and how answers are taken, with fake connections: no processes. */
final class DispatcherTest {
  private final PoolFixture pool = new PoolFixture();

  @Test
  void submit_twoReadyWorkers_eachGetsOneOfTwoChunks() {
    Worker first = pool.ready();
    Worker second = pool.ready();

    pool.submit(1L);
    pool.submit(2L);

    assertEquals(List.of(1L), runs(first).get(0).args());
    assertEquals(List.of(2L), runs(second).get(0).args());
  }

  @Test
  void submit_workerAtItsLimit_chunkWaitsInTheQueue() {
    Worker only = pool.ready(); // starts at InFlightLimit.START requests

    pool.submit(1L);
    pool.submit(2L);
    pool.submit(3L);

    assertEquals(InFlightLimit.START, runs(only).size());
    assertTrue(pool.core.dispatcher.hasWork());
    pool.receive(only, answer(runs(only).get(0)));
    assertEquals(3, runs(only).size(), "the answer made room for the queued chunk");
  }

  @Test
  void submit_workerNotReady_nothingSent() {
    Worker starting = pool.launched();

    pool.submit(1L);

    assertEquals(List.of(), runs(starting));
    assertTrue(pool.core.dispatcher.hasWork());
  }

  @Test
  void answer_ofOldestRequest_completesItsFuturesInOrder() {
    Worker worker = pool.ready();
    List<CompletableFuture<Execution>> futures = pool.submit(7L, 8L);

    pool.receive(worker, answer(runs(worker).get(0)));

    assertEquals(7L, futures.get(0).join().value());
    assertEquals(8L, futures.get(1).join().value());
  }

  @Test
  void answer_withFewerResultsThanArguments_isAViolationAndCompletesNothingFromIt() {
    Worker worker = pool.ready();
    List<CompletableFuture<Execution>> futures = pool.submit(7L, 8L);
    Run run = runs(worker).get(0);

    pool.receive(worker, new Done(run.id(), "main", List.of(Outcome.success(7L, 0, 1))));

    assertFalse(futures.get(0).isDone());
    assertTrue(worker.violation.contains("with 1 results for 2 arguments"), worker.violation);
    assertTrue(worker.killed);
  }

  @Test
  void end_ofWorkerRunningAChunk_retriesItOnceThenFailsWithTheKind() {
    PoolFixture retrying = new PoolFixture(/* retries= */ 1, 64, Duration.ofSeconds(1), null);
    Worker first = retrying.ready();
    List<CompletableFuture<Execution>> futures = retrying.submit(1L);

    retrying.decide(effects -> retrying.core.onEnd(first, end(first), effects));
    assertFalse(futures.get(0).isDone(), "retried, not failed");
    Worker second = retrying.ready();
    assertEquals(List.of(1L), runs(second).get(0).args());
    retrying.decide(effects -> retrying.core.onEnd(second, end(second), effects));

    Execution failed = futures.get(0).join();
    assertEquals(FailureKind.WORKER_DIED, failed.failure().kind());
    assertEquals(2, failed.attempts());
  }

  @Test
  void end_ofWorkerHoldingQueuedChunks_putsThemBackWithoutCountingAnAttempt() {
    Worker first = pool.ready();
    pool.submit(1L);
    List<CompletableFuture<Execution>> behind = pool.submit(2L);

    pool.decide(effects -> pool.core.onEnd(first, end(first), effects));
    Worker second = pool.ready();

    pool.receive(second, answer(runs(second).get(0)));
    assertEquals(1, behind.get(0).join().attempts());
    assertNull(behind.get(0).join().failure());
  }

  static WorkerProcess.End end(Worker worker) {
    return new WorkerProcess.End("worker " + worker.id + " (pid -1) exited with status 1", "");
  }
}
