package io.procpool.process;

import static io.procpool.process.Processes.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskFailure;
import io.procpool.protocol.Protocol;
import io.procpool.task.CpuHeavy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stdout channel stays clean and bounded whatever tasks and workers do. */
@ExtendWith(PoolInvariants.class)
final class ChannelIT {
  private final StderrLines log = new StderrLines();

  @Test
  void execute_chattyTasksAmongOthers_protocolIntactAndEveryValueRight() throws Exception {
    int lines = 5000;
    try (ProcessPool pool = PoolInvariants.start(options().workers(2).build())) {
      List<CompletableFuture<Execution>> chatter = new ArrayList<>();
      List<CompletableFuture<Execution>> cpu = new ArrayList<>();
      for (long i = 0; i < 100; i++) {
        if (i % 25 == 0) {
          chatter.add(pool.execute("chatter", (long) lines));
        }
        cpu.add(pool.execute("cpu-heavy", i * 1000));
      }

      for (CompletableFuture<Execution> future : chatter) {
        assertEquals((long) lines, value(future));
      }
      for (int i = 0; i < cpu.size(); i++) {
        assertEquals(CpuHeavy.xorshift(i * 1000L), value(cpu.get(i)));
      }
      // Lines printed to System.out arrive on stderr: the worker moved System.out off the channel.
      assertEquals(chatter.size() * (long) lines, log.count("chatter stdout line"));
      assertEquals(chatter.size() * (long) lines, log.count("chatter stderr line"));
      assertEquals(0, log.count("protocol error"));
      report("chatter run: %d chatter tasks printed %d lines, %d/%d other tasks right, 0 protocol errors",
          chatter.size(), 2L * chatter.size() * lines, cpu.size(), cpu.size());
    }
  }

  @Test
  void execute_workerWritesJunkAfterHello_failsAsProtocolErrorNamingWorkerAndBytes() throws Exception {
    List<String> junk = List.of(WorkerCommand.javaExecutable(), "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), JunkWorker.class.getName());
    try (ProcessPool pool = PoolInvariants.start(options().workers(2).workerCommand(junk).build())) {
      List<CompletableFuture<Execution>> futures = pool.executeAll("noop", List.of(1L, 2L, 3L), 1);

      for (CompletableFuture<Execution> future : futures) {
        Execution execution = future.get(30, TimeUnit.SECONDS);
        TaskFailure failure = execution.failure();
        assertEquals(FailureKind.PROTOCOL_ERROR, failure.kind());
        assertEquals(2, execution.attempts());
        assertTrue(failure.message().matches("(?s)protocol error from worker w\\d+ \\(pid \\d+\\): "
            + "not a JSON object: \"JUNK\\\\x07 from a worker that forgot the protocol\".*"), failure.message());
      }
      // 6 workers break (3 tasks, 2 attempts each); each is replaced while work waits, and the
      // ones that break on the last attempts leave nothing to replace them for.
      int launched = pool.launchedCount();
      assertTrue(launched >= 2 * futures.size() && launched <= 2 + 2 * futures.size(), "launched " + launched);
      assertEquals(0, log.count("already completed"), "every task ends exactly once");
      report("junk worker run: %d/%d tasks failed as protocol-error after 2 attempts, %d workers launched;"
          + " e.g. %s", futures.size(), futures.size(), pool.launchedCount(),
          futures.get(0).get().failure().message().lines().findFirst().orElse(""));
    }
  }

  @Test
  void execute_64MiBArgument_roundTripsThroughWorker() throws Exception {
    String big = "x".repeat(64 << 20);
    // The worker's heap is set, not left to the machine's memory, so the test means the same anywhere.
    try (ProcessPool pool = PoolInvariants.start(options().workers(1).jvmOption("-Xmx512m").build())) {
      long start = System.nanoTime();

      Object value = value(pool.execute("echo", big));

      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(big.equals(value), "the echo came back different");
      report("64 MiB echo round trip through a worker with -Xmx512m: %.2f s", seconds);
    }
  }

  @Test
  void execute_answerLongerThanMaxMessageBytes_failsAloneAsTaskErrorAndTheWorkerServesOn() throws Exception {
    ProcessPoolOptions options = options().workers(1).maxMessageBytes(1 << 20).build();
    try (ProcessPool pool = PoolInvariants.start(options)) {
      List<CompletableFuture<Execution>> chunk = pool.executeAll("echo", List.of("small", "y".repeat(2 << 20), "after"), 3);

      TaskFailure failure = chunk.get(1).get(30, TimeUnit.SECONDS).failure();
      assertEquals(FailureKind.TASK_ERROR, failure.kind());
      assertTrue(failure.message().contains("the result is " + ((2 << 20) + 2) + " bytes of JSON, more than one"
          + " protocol line holds (1048576 bytes)"), failure.message());
      assertEquals("small", value(chunk.get(0)));
      assertEquals("after", value(chunk.get(2)));
      assertEquals(1, chunk.get(1).get().attempts(), "a result that cannot fit is not retried");
      assertEquals("next", value(pool.execute("echo", "next")));
      assertEquals(1, pool.launchedCount(), "the worker was neither killed nor replaced");
      assertEquals(0, log.count("protocol error"));
      report("oversized result: %s", failure.message().lines().findFirst().orElse(""));
    }
  }

  @Test
  void submit_typedResultLongerThanMaxMessageBytes_futureFailsNamingItsSize() throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options().workers(1).maxMessageBytes(1 << 20).build())) {
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> pool.submit(ChannelIT::letters, 2L << 20).get(30, TimeUnit.SECONDS));

      assertTrue(failed.getCause().getMessage().contains("bytes of JSON, more than one protocol line holds"
          + " (1048576 bytes)"), failed.getCause().getMessage());
      assertEquals("aaa", pool.submit(ChannelIT::letters, 3L).get(30, TimeUnit.SECONDS));
      assertEquals(1, pool.launchedCount());
    }
  }

  /** A typed call's result of {@code count} letters. */
  static String letters(long count) {
    return "a".repeat(Math.toIntExact(count));
  }

  @Test
  void execute_argumentLongerThanTheWorkersLine_refusedAtSubmissionNamingItsSize() throws Exception {
    // Six bytes of JSON each: 270 MB on the line from 45 MB of heap (a typed call's argument is
    // refused by the same check, after its JSON text is made: too large a heap for this fork).
    String escapes = "\u0001".repeat(45_000_000);
    try (ProcessPool pool = PoolInvariants.start(options().workers(1).build())) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> pool.executeAll("echo", List.of("small", escapes), 2));

      assertTrue(refused.getMessage().startsWith("the argument is 270000002 bytes of JSON, more than one protocol"
          + " line holds (" + Protocol.DEFAULT_MAX_LINE_BYTES + " bytes)"), refused.getMessage());
      assertEquals("small", value(pool.execute("echo", "small")));
      assertEquals(1, pool.launchedCount(), "nothing was sent that could break a worker");
      assertEquals(0, log.count("rejected a request"));
    }
  }

  @Test
  void execute_argumentNestedTooDeepForJson_refusedAtSubmissionAndPoolUnharmed() throws Exception {
    Object deep = 1L;
    for (int i = 0; i < 1200; i++) {
      deep = List.of(deep);
    }
    Object tooDeep = deep;
    try (ProcessPool pool = PoolInvariants.start(options().workers(1).build())) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> pool.execute("echo", tooDeep));

      assertTrue(refused.getMessage().contains("deeper than " + Protocol.MAX_VALUE_DEPTH), refused.getMessage());
      assertEquals(List.of(List.of(1L)), value(pool.execute("echo", List.of(List.of(1L)))));
      assertEquals(1, pool.launchedCount());
    }
  }

  private static Object value(CompletableFuture<Execution> future) throws Exception {
    Execution execution = future.get(60, TimeUnit.SECONDS);
    assertNull(execution.failure(), () -> String.valueOf(execution.failure()));
    return execution.value();
  }

  private ProcessPoolOptions.Builder options() {
    return ProcessPoolOptions.builder().stderr(log);
  }
}
