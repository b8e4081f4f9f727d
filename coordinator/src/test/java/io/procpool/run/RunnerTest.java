package io.procpool.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.TaskPool;
import io.procpool.task.TaskRegistry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RunnerTest {
  private static final TaskRegistry TASKS = TaskRegistry.builtIn();

  @Test
  void run_slowSink_recordsAreWrittenAfterTheWallClockStops() {
    Workload noop = Workload.generate(TASKS.get("noop"), 200, 1, 0, 0);
    RecordSink slow = record -> LockSupport.parkNanos(1_000_000); // a disk of a millisecond per record

    RunReport report = new Runner(() -> TaskPool.serial(TASKS), settings(10, false), Progress.NONE, slow).run(noop);

    assertEquals(200, report.completed());
    assertTrue(report.writeMillis() >= 200, "writeMillis " + report.writeMillis());
    assertTrue(report.wallMillis() < report.writeMillis(), report.wallMillis() + " ms of wall time");
  }

  @Test
  void run_moreTasksThanTheBufferHolds_writesABufferFullAtATimeDuringTheRun() {
    Workload noop = Workload.generate(TASKS.get("noop"), 100_000, 1, 0, 0);
    int[] done = new int[1];
    List<Integer> doneAtEachWrite = new ArrayList<>();
    RecordSink sink = record -> {
      if (record.index() % 1000 == 0) {
        doneAtEachWrite.add(done[0]);
      }
    };
    RecordBuffer thousand = new RecordBuffer(/* maxTasks= */ 1000, /* maxBytes= */ Long.MAX_VALUE);

    RunReport report = new Runner(() -> TaskPool.serial(TASKS), settings(10, false), (tasks, total) -> done[0] = tasks,
        sink, thousand).run(noop);

    assertEquals(100_000, report.completed());
    assertEquals(100, doneAtEachWrite.size());
    assertTrue(doneAtEachWrite.get(0) < 10_000, "first records written when " + doneAtEachWrite.get(0) + " were done");
    assertTrue(doneAtEachWrite.get(50) < 100_000, "half-way records written at the end");
  }

  @Test
  void run_threadPoolManyChunks_everyTaskOnceInTaskOrderWithDistinctCompletions() {
    Workload noop = Workload.generate(TASKS.get("noop"), 100_003, 1, 0, 0);
    List<TaskRecord> records = new ArrayList<>();

    RunReport report = new Runner(() -> TaskPool.threads(TASKS, 2), settings(7, true), Progress.NONE, records::add)
        .run(noop);

    assertEquals(100_003, records.size());
    Set<Integer> completions = new HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      assertEquals(i, records.get(i).index());
      completions.add(records.get(i).completion());
    }
    assertEquals(100_003, completions.size());
    assertEquals(records, report.results());
    assertEquals(100_003, report.completed());
  }

  @Test
  void run_sweepsSinkWithoutKeptResults_makesNoRecords() {
    Workload noop = Workload.generate(TASKS.get("noop"), 5000, 1, 0, 0);

    RunReport report = new Runner(() -> TaskPool.serial(TASKS), settings(100, false), Progress.NONE,
        RecordSink.NONE).run(noop);

    assertEquals(5000, report.completed());
    assertEquals(0, report.writeMillis());
  }

  @Test
  void run_sinkOfFailuresOnly_getsARecordForEachFailedTaskAndNoOther() {
    List<TaskRecord> seen = new ArrayList<>();
    RecordSink failures = new RecordSink() {
      @Override
      public void accept(TaskRecord record) {
        seen.add(record);
      }

      @Override
      public boolean failuresOnly() {
        return true;
      }
    };

    new Runner(() -> TaskPool.serial(TASKS), settings(10, false), Progress.NONE, failures)
        .run(Workload.generate(TASKS.get("noop"), 100, 1, 0, 0));
    assertEquals(List.of(), seen);
    new Runner(() -> TaskPool.serial(TASKS), settings(10, false), Progress.NONE, failures)
        .run(Workload.generate(TASKS.get("fail"), 30, 1, 0, 0));

    assertEquals(30, seen.size());
    assertTrue(seen.stream().allMatch(TaskRecord::failed));
  }

  @Test
  void run_progress_isToldOfEveryTaskByTheEnd() {
    Workload noop = Workload.generate(TASKS.get("noop"), 1000, 1, 0, 0);
    List<Integer> told = new ArrayList<>();

    new Runner(() -> TaskPool.threads(TASKS, 2), new RunSettings(Style.AS_COMPLETED, 10, false, false),
        (done, total) -> told.add(done), RecordSink.NONE).run(noop);

    assertEquals(100, told.size(), "once per chunk");
    assertEquals(1000, told.get(told.size() - 1));
  }

  @Test
  void stopThenFinishNow_serialRunStuckInADeafTask_reportsEveryTaskAtOnceAndTheRunReturnsTheSame(@TempDir Path dir)
      throws Exception {
    TaskRegistry registry = registryWithDeafTask(dir);
    Workload three = Workload.generate(registry.get(DeafTask.NAME), 3, 1, 0, 0);
    List<TaskRecord> records = Collections.synchronizedList(new ArrayList<>());
    Runner runner = new Runner(() -> TaskPool.serial(registry), settings(1, false), Progress.NONE, records::add);
    CountDownLatch running = DeafTask.holdNext();
    CompletableFuture<RunReport> run = new CompletableFuture<>();
    Thread runs = new Thread(() -> run.complete(runner.run(three)), "run-stuck-in-a-deaf-task");
    runs.start();
    try {
      assertTrue(running.await(30, TimeUnit.SECONDS), "the deaf task never ran");

      runner.stop(Duration.ZERO, "SIGTERM"); // interrupts the run's thread, which does not listen
      RunReport report = runner.finishNow();

      assertTrue(runner.stopped());
      assertEquals(0, report.completed());
      assertEquals(3, report.failed());
      assertEquals(List.of("interrupted", "cancelled", "cancelled"),
          records.stream().map(record -> record.error().type()).toList());
      assertEquals("its chunk was still running when the run was stopped (SIGTERM)",
          records.get(0).error().message());
      assertEquals("cancelled before it ran (SIGTERM)", records.get(2).error().message());
      DeafTask.release();
      assertSame(report, run.get(30, TimeUnit.SECONDS), "the run's own thread returns the same report");
      assertEquals(3, records.size(), "no record twice once the stuck task returns");
    } finally {
      DeafTask.release();
      runs.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  /** The built-in tasks and {@link DeafTask}, found as a user's tasks are: through a service file. */
  private static TaskRegistry registryWithDeafTask(Path dir) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve("io.procpool.task.Task"), DeafTask.class.getName() + "\n");
    return TaskRegistry.load(new URLClassLoader(new URL[] {dir.toUri().toURL()}, RunnerTest.class.getClassLoader()));
  }

  private static RunSettings settings(int chunksize, boolean keep) {
    return new RunSettings(Style.MAP, chunksize, keep, /* failFast= */ false);
  }
}
