package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.ProcessPoolOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/protocol.md section 7 against real workers that break the protocol on purpose
 * (misbehaving_worker.py): from the first violation on nothing the worker sends is taken, and
 * what it held fails as protocol-error naming the worker, its pid, the violation and the line.
 */
@ExtendWith(PoolInvariants.class)
final class ProtocolViolationIT {
  private static final int TASKS = 8;
  private final StderrLines stderr = new StderrLines();

  @BeforeAll
  static void python3Available() throws InterruptedException {
    Processes.assumePython3();
  }

  @ParameterizedTest
  @CsvSource({
      "duplicate-done, answered request",
      "second-hello, said hello twice: {\"type\":\"hello\"",
      "invalid, rejected a request: cannot read this request"})
  void violationAfterHello_laterAnswersNotTakenAndHeldTasksFailAsProtocolError(String mode, String violation)
      throws Exception {
    List<Execution> executions = runNoops(mode);

    int failed = 0;
    for (int i = 0; i < TASKS; i++) {
      Execution execution = executions.get(i);
      if (execution.failure() == null) {
        assertEquals((long) i, execution.value(), "an answer sent after a violation was taken: " + stderr.dump());
        continue;
      }
      failed++;
      assertEquals(FailureKind.PROTOCOL_ERROR, execution.failure().kind(), execution.failure().message());
      String message = execution.failure().message();
      assertTrue(message.contains("worker " + execution.worker() + " (pid " + execution.pid() + ")"), message);
      assertTrue(message.contains(violation), message);
    }
    assertTrue(failed >= 1, "the request held at the violation fails (retries 0): " + stderr.dump());
    // reported once per violating worker, not once per line it sends afterwards
    assertEquals(1, stderr.count("[w1] protocol error from worker w1")
        + stderr.count("[w1] worker w1 (pid"), stderr.dump());
  }

  @ParameterizedTest
  @CsvSource({
      "hello-inflight-0, inFlight",
      "hello-without-pid, pid",
      "done-before-hello, sent \"done\" before its hello",
      "invalid-before-hello, sent \"invalid\" before its hello"})
  void brokenHandshake_isAFailedStartAtOnce(String mode, String named) {
    long start = System.nanoTime();

    WorkerStartException failed = assertThrows(WorkerStartException.class,
        () -> PoolInvariants.start(options(mode).workers(1).build()));

    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 20_000, "waited " + millis + " ms for a hello that was never coming");
    assertTrue(failed.getMessage().contains(named), failed.getMessage());
    assertTrue(failed.getMessage().contains("protocol error from worker w1 (pid "), failed.getMessage());
  }

  @Test
  void start_workersNeverSayHello_failsNamingTheFirstTimeout() {
    WorkerStartException failed = assertThrows(WorkerStartException.class,
        () -> PoolInvariants.start(options("silent").workers(2).startTimeout(Duration.ofSeconds(1)).build()));

    assertTrue(failed.getMessage().contains("worker w1 (pid "), failed.getMessage());
    assertTrue(failed.getMessage().contains("sent no hello within 1000 ms"), failed.getMessage());
  }

  private List<Execution> runNoops(String mode) throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options(mode).workers(1).retries(0).build())) {
      List<Long> arguments = new ArrayList<>();
      for (long i = 0; i < TASKS; i++) {
        arguments.add(i);
      }
      List<CompletableFuture<Execution>> futures = pool.executeAll("noop", arguments, 1);
      List<Execution> executions = new ArrayList<>();
      for (CompletableFuture<Execution> future : futures) {
        executions.add(future.get(30, TimeUnit.SECONDS));
      }
      return executions;
    }
  }

  private ProcessPoolOptions.Builder options(String mode) {
    return ProcessPoolOptions.builder().workerCommand(List.of("python3", script().toString(), mode))
        .stderr(stderr);
  }

  static Path script() {
    try {
      return Path.of(ProtocolViolationIT.class.getResource("/misbehaving_worker.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
