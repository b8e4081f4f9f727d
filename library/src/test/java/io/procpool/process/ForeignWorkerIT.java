package io.procpool.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskFailedException;
import io.procpool.pool.TaskPool;
import io.procpool.task.CpuHeavy;
import io.procpool.task.Fail;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pool with workers written in another language from docs/protocol.md alone: the Python
 * worker in docs/python/worker.py. Failsafe runs this with the coordinator module as the
 * working directory.
 */
@ExtendWith(PoolInvariants.class)
final class ForeignWorkerIT {
  private static final Path WORKER = Path.of("..", "docs", "python", "worker.py");

  private final Queue<String> stderr = new ConcurrentLinkedQueue<>();
  private ProcessPool pool;

  @BeforeAll
  static void python3Available() throws InterruptedException {
    assertTrue(Files.isRegularFile(WORKER), "no worker at " + WORKER.toAbsolutePath());
    Processes.assumePython3();
  }

  @BeforeEach
  void startPool() {
    pool = PoolInvariants.start(ProcessPoolOptions.builder()
        .workers(2)
        .workerCommand(List.of("python3", WORKER.toString()))
        .stderr(stderr::add)
        .build());
  }

  @AfterEach
  void closePool() {
    pool.kill(); // a no-op after close; stops the workers when a test failed midway
  }

  @Test
  void map_cpuHeavyOnSeveralSizes_sameValuesAsJava() {
    List<Long> sizes = List.of(0L, 1L, 2L, 10L, 1000L, 100_000L, -3L);

    Iterator<Object> values = pool.map("cpu-heavy", sizes, 2);

    List<Object> expected = new ArrayList<>();
    List<Object> actual = new ArrayList<>();
    for (long size : sizes) {
      expected.add(CpuHeavy.xorshift(size));
      actual.add(values.next());
    }
    assertEquals(expected, actual, () -> "worker stderr: " + stderr);
  }

  @Test
  void execute_echoAboveTheOffLineThreshold_workerWithoutTheCapabilityGetsItInline() {
    String large = "p".repeat(200_000) + "é€";

    assertEquals(large, TaskPool.await(pool.execute("echo", large)).value(), () -> "worker stderr: " + stderr);
  }

  @Test
  void execute_cpuHeavy_ranInOneOfThePythonWorkers() {
    List<Long> pids = pool.pids();

    Execution execution = TaskPool.await(pool.execute("cpu-heavy", 5000L));

    assertEquals(CpuHeavy.xorshift(5000), execution.value());
    assertTrue(pids.contains(execution.pid()), execution.pid() + " not in " + pids);
    assertEquals("MainThread", execution.thread());
  }

  @Test
  void submit_fail_taskFailedWithPythonTypeAndTraceback() {
    TaskFailedException failed = assertThrows(TaskFailedException.class,
        () -> TaskPool.await(pool.submit("fail", 7L)));

    assertEquals(FailureKind.TASK_ERROR, failed.kind());
    assertEquals("RuntimeError", failed.remoteException());
    assertEquals("RuntimeError: " + Fail.MESSAGE_PREFIX + " for argument 7", failed.getMessage());
    assertTrue(failed.remoteTrace().startsWith("Traceback (most recent call last):"), failed.remoteTrace());
    assertTrue(failed.remoteTrace().contains("worker.py"), failed.remoteTrace());
    assertTrue(failed.remoteTrace().contains("in fail"), failed.remoteTrace());
    assertEquals(8L, TaskPool.await(pool.submit("noop", 8L)), "the worker carries on after a failure");
  }

  @Test
  void submit_cpuHeavyOfTwoToThe63_refusedNamingTheValueAsJavaDoes() {
    TaskFailedException failed = assertThrows(TaskFailedException.class,
        () -> TaskPool.await(pool.submit("cpu-heavy", BigInteger.ONE.shiftLeft(63))));

    assertEquals(FailureKind.TASK_ERROR, failed.kind());
    assertEquals("ValueError: cpu-heavy needs an integer argument that fits in 64 bits"
        + " (from -9223372036854775808 to 9223372036854775807), got 9223372036854775808", failed.getMessage());
  }

  @Test
  void submit_unknownTask_taskFailedListingPythonTasks() {
    TaskFailedException failed = assertThrows(TaskFailedException.class,
        () -> TaskPool.await(pool.submit("nope", 1L)));

    assertEquals("UnknownTaskError", failed.remoteException());
    assertTrue(failed.getMessage().contains("available: counter, cpu-heavy, echo, fail, noop, sleep"),
        failed.getMessage());
  }

  @Test
  void submitAndMap_typedCalls_eachFailsAsAnUnknownTaskAndThePoolCarriesOn() {
    long step = 1;
    CompletionException one = assertThrows(CompletionException.class, () -> pool.submit(x -> x + step, 1L).join());
    TaskFailedException call = assertInstanceOf(TaskFailedException.class, one.getCause());
    assertEquals("UnknownTaskError", call.remoteException());
    assertTrue(call.getMessage().contains("unknown task 'invoke:"), call.getMessage());

    // A map chunk is one invoke-each: call, which the Python worker does not know either.
    TaskFailedException chunk = assertThrows(TaskFailedException.class,
        () -> pool.map((Long x) -> x + step, List.of(1L, 2L, 3L), 3).toList());
    assertTrue(chunk.getMessage().contains("unknown task 'invoke-each:"), chunk.getMessage());
    assertEquals(8L, TaskPool.await(pool.submit("noop", 8L)), () -> "worker stderr: " + stderr);
  }

  @Test
  void close_afterWork_noWorkerProcessLeft() {
    TaskPool.await(pool.submit("sleep", 50L));
    List<Long> pids = pool.pids();
    assertEquals(2, pids.size());

    pool.close();

    await().atMost(Duration.ofSeconds(10)).until(() -> pids.stream().noneMatch(ForeignWorkerIT::alive));
    assertEquals(List.of(), pool.pids());
    assertEquals(2, pool.launchedCount(), () -> "no worker was replaced; stderr: " + stderr);
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
