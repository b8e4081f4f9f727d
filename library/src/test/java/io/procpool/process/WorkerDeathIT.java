package io.procpool.process;

import static io.procpool.process.Processes.report;
import static io.procpool.process.Processes.running;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskFailure;
import io.procpool.task.Crash;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Workers that really die (SIGKILL, halt, out of memory) while the pool is busy. */
@ExtendWith(PoolInvariants.class)
final class WorkerDeathIT {
  private static final Duration NOTICE_LIMIT = Duration.ofSeconds(5);

  private final StderrLines log = new StderrLines();

  @Test
  void execute_runningWorkerSigkilledThreeTimes_retriedOnFreshWorkersOthersUnaffected() throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options().workers(2).retries(3).build())) {
      CompletableFuture<Execution> longTask = pool.execute("sleep", 700L);
      List<Long> victims = new ArrayList<>();
      long firstVictim = Processes.busyWorkerOfTwo(pool, victims);
      List<Long> arguments = LongStream.range(0, 40).boxed().toList();
      List<CompletableFuture<Execution>> others = pool.executeAll("noop", arguments, 1);

      for (int kill = 1; kill <= 3; kill++) {
        long victim = kill == 1 ? firstVictim : Processes.busyWorkerOfTwo(pool, victims);
        victims.add(victim);
        long before = System.nanoTime();
        Processes.signal("KILL", victim);
        long after = System.nanoTime();
        StderrLines.Line noticed = await().atMost(NOTICE_LIMIT)
            .until(() -> log.first("(pid " + victim + ") was killed by signal 9 (SIGKILL)", before),
                Optional::isPresent)
            .get();
        double fromStart = (noticed.nanos() - before) / 1e6;
        double fromReturn = (noticed.nanos() - after) / 1e6;
        report("SIGKILL #%d of worker pid %d: pool noticed %.1f ms after kill(1) started,"
            + " %.1f ms after it returned", kill, victim, fromStart, fromReturn);
        assertTrue(fromStart < 1000, "took " + fromStart + " ms to notice");
      }

      Execution result = longTask.get(15, TimeUnit.SECONDS);
      assertNull(result.failure(), () -> String.valueOf(result.failure()));
      assertEquals(700L, result.value());
      assertEquals(4, result.attempts());
      assertFalse(victims.contains(result.pid()));
      for (int i = 0; i < others.size(); i++) {
        Execution other = others.get(i).get(15, TimeUnit.SECONDS);
        assertNull(other.failure(), () -> String.valueOf(other.failure()));
        assertEquals(arguments.get(i), other.value());
        assertEquals(1, other.attempts(), "a task queued behind the victim is re-sent without penalty");
      }
      assertEquals(2 + 3, pool.launchedCount());
      assertEquals(Set.copyOf(victims).size(), 3, "each kill hit a different worker, the one running the task");
      assertEquals(0, log.count("already completed"), "every task ends exactly once");
      victims.forEach(pid -> assertFalse(running(pid)));
      report("SIGKILL run: 1 long task done after 3 kills (attempts %d), %d/%d other tasks done,"
          + " %d workers launched", result.attempts(), others.size(), arguments.size(), pool.launchedCount());
    }
  }

  @Test
  void execute_killedWorkerLeftAChildHoldingItsStdout_stillNoticedAndRetried(@TempDir Path dir) throws Exception {
    // The wrapper's background sleep inherits the worker's stdout and stderr and outlives it,
    // so the end of stdout never comes: the pool must go by the process's exit.
    List<String> command = Processes.workerLeavingAChild("sleep 30", dir.resolve("started"));
    List<Long> leftovers = new ArrayList<>();
    try (ProcessPool pool = PoolInvariants.start(options().workers(1).workerCommand(command).build())) {
      CompletableFuture<Execution> task = pool.execute("sleep", 500L);
      long victim = Processes.onlyWorker(pool);
      leftovers.addAll(Processes.children(victim));
      long before = System.nanoTime();

      Processes.signal("KILL", victim);

      StderrLines.Line noticed = await().atMost(NOTICE_LIMIT)
          .until(() -> log.first("(pid " + victim + ") was killed by signal 9 (SIGKILL)", before),
              Optional::isPresent)
          .get();
      Execution result = task.get(15, TimeUnit.SECONDS);
      assertNull(result.failure(), () -> String.valueOf(result.failure()));
      assertEquals(2, result.attempts());
      assertEquals(1, log.count("holds its stdout open"));
      report("SIGKILL of worker pid %d whose child %s holds its stdout: pool noticed %.1f ms after kill(1) started",
          victim, leftovers, (noticed.nanos() - before) / 1e6);
      assertTrue(pool.pids().stream().allMatch(pid -> Processes.children(pid).isEmpty()), "only the first leaves a child");
    } finally {
      leftovers.forEach(Processes::killIfRunning);
    }
  }

  @Test
  void execute_workerSigkilledWithRetriesOff_failsAtOnceNamingWorkerSignalAndStderr() throws Exception {
    // The initializer prints to stderr, so the dead worker has last words to quote.
    ProcessPoolOptions options = options().workers(1).retries(0).initializer("chatter", 2L).build();
    try (ProcessPool pool = PoolInvariants.start(options)) {
      CompletableFuture<Execution> task = pool.execute("sleep", 10_000L);
      long victim = Processes.onlyWorker(pool);

      Processes.signal("KILL", victim);

      Execution result = task.get(NOTICE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      TaskFailure failure = result.failure();
      assertEquals(FailureKind.WORKER_DIED, failure.kind());
      assertEquals(1, result.attempts());
      assertTrue(failure.message().startsWith("worker w1 (pid " + victim + ") was killed by signal 9 (SIGKILL)"),
          failure.message());
      assertTrue(failure.message().contains("last stderr lines:\n"), failure.message());
      assertTrue(failure.message().contains("chatter stderr line 1"), failure.message());
      assertTrue(failure.trace().contains("chatter stderr line 0"), failure.trace());
      // The pool goes on with a replacement.
      Execution after = pool.execute("noop", 5L).get(NOTICE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      assertEquals(5L, after.value());
      assertNotEquals(victim, after.pid());
      assertEquals(2, pool.launchedCount());
    }
  }

  @Test
  void execute_crashTaskAmongManyTasks_crashFailsAfterRetryEveryOtherTaskCompletesOnce() throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options().workers(2).build())) {
      List<CompletableFuture<Execution>> noops = new ArrayList<>();
      List<CompletableFuture<Execution>> crashes = new ArrayList<>();
      for (long i = 0; i < 200; i++) {
        noops.add(pool.execute("noop", i));
        if (i % 70 == 35) {
          crashes.add(pool.execute("crash", i));
        }
      }

      for (int i = 0; i < noops.size(); i++) {
        Execution execution = noops.get(i).get(30, TimeUnit.SECONDS);
        assertNull(execution.failure(), () -> String.valueOf(execution.failure()));
        assertEquals((long) i, execution.value());
      }
      for (CompletableFuture<Execution> crash : crashes) {
        Execution execution = crash.get(30, TimeUnit.SECONDS);
        TaskFailure failure = execution.failure();
        assertEquals(FailureKind.WORKER_DIED, failure.kind());
        assertEquals(2, execution.attempts(), "default retries is 1");
        assertTrue(failure.message().matches("(?s)worker w\\d+ \\(pid \\d+\\) exited with status "
            + Crash.EXIT_STATUS + "; last stderr lines:\n.*crash task: halting.*"), failure.message());
      }
      report("crash run: %d/%d noop tasks done, %d/%d crash tasks failed as worker-died after 2 attempts,"
          + " %d workers launched", noops.size(), noops.size(), crashes.size(), crashes.size(),
          pool.launchedCount());
      assertEquals(2 * crashes.size(), log.count("exited with status " + Crash.EXIT_STATUS));
      assertEquals(2 + 2 * crashes.size(), pool.launchedCount(), "one replacement per dead worker");
      assertEquals(0, log.count("already completed"), "every task ends exactly once");
    }
  }

  @Test
  void execute_workerRunsOutOfMemory_workerDiesTaskFailsPoolGoesOn() throws Exception {
    ProcessPoolOptions options = options().workers(1).jvmOption("-Xmx16m").build();
    try (ProcessPool pool = PoolInvariants.start(options)) {
      long firstPid = pool.pids().get(0);

      Execution result = pool.execute("oom", 256L).get(30, TimeUnit.SECONDS);

      TaskFailure failure = result.failure();
      assertEquals(FailureKind.WORKER_DIED, failure.kind());
      assertEquals(2, result.attempts());
      assertTrue(failure.message().contains("exited with status 3"), failure.message());
      assertTrue(failure.message().contains("OutOfMemoryError"), failure.message());
      assertFalse(running(firstPid));
      Execution after = pool.execute("counter", 0L).get(30, TimeUnit.SECONDS);
      assertEquals(1L, after.value(), "a fresh worker runs the next task");
      assertEquals(3, pool.launchedCount());
      report("oom run: first worker pid %d gone; task failed after %d attempts: %s", firstPid,
          result.attempts(), failure.message().replace("\n", " | "));
    }
  }

  @Test
  void execute_workerJvmCrashes_workerDiedNamingTheCrashAndItsLogNotAProtocolError(@TempDir Path cache)
      throws Exception {
    // A real fatal error: the JVM's own crash on OutOfMemoryError writes the banner to stdout
    // (the protocol channel) and an hs_err log, and aborts.
    ProcessPoolOptions options = options().workers(1).retries(0)
        .jvmOption("-Xmx16m").jvmOption("-XX:+CrashOnOutOfMemoryError").build();
    Path userDir = Path.of(System.getProperty("user.dir"));
    System.setProperty("procpool.cache.dir", cache.toString());
    try (ProcessPool pool = ProcessPool.start(options)) {
      long pid = pool.pids().get(0);

      Execution result = pool.execute("oom", 256L).get(30, TimeUnit.SECONDS);

      TaskFailure failure = result.failure();
      assertEquals(FailureKind.WORKER_DIED, failure.kind(), failure.message());
      Path crashLog = cache.resolve("crashes").resolve("hs_err_pid" + pid + ".log");
      assertTrue(failure.message().contains("(pid " + pid + ") crashed (JVM fatal error: Internal Error"),
          failure.message());
      assertTrue(failure.message().contains("OutOfMemory encountered"), failure.message());
      assertTrue(failure.message().contains("crash log: " + crashLog), failure.message());
      assertTrue(java.nio.file.Files.isRegularFile(crashLog));
      assertFalse(java.nio.file.Files.exists(userDir.resolve("hs_err_pid" + pid + ".log")),
          "no crash log in the user's folder");
      assertEquals(0, log.count("protocol error"), log.dump());
      assertEquals(1L, pool.execute("counter", 0L).get(30, TimeUnit.SECONDS).value(), "a fresh worker goes on");
      report("crash run: %s", failure.message().lines().findFirst().orElse(""));
    } finally {
      System.clearProperty("procpool.cache.dir");
    }
  }

  private ProcessPoolOptions.Builder options() {
    return ProcessPoolOptions.builder().stderr(log);
  }
}
