package io.procpool.run;

import io.procpool.pool.Clocks;
import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.TaskFailure;
import io.procpool.pool.TaskPool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * Runs one workload on one pool and reports it. Submission is windowed: only a bounded number
 * of chunks are outstanding at once, so a run of a million tasks needs memory for the window,
 * not for the whole list. Records leave in task order through a small reorder buffer.
 */
public final class Runner {
  private final Supplier<TaskPool> poolFactory;
  private final RunSettings settings;
  private final Progress progress;
  private final RecordSink sink;

  public Runner(Supplier<TaskPool> poolFactory, RunSettings settings, Progress progress, RecordSink sink) {
    this.poolFactory = poolFactory;
    this.settings = settings;
    this.progress = progress;
    this.sink = sink;
  }

  /** One chunk in flight: its first task's index and its futures. */
  private record Pending(int first, List<CompletableFuture<Execution>> futures) {}

  /** A finished task as the completion callback saw it. */
  private record Finished(int index, Execution execution, int completion) {}

  public RunReport run(Workload workload) {
    long start = System.nanoTime();
    long startMicros = Clocks.epochMicros();
    TaskPool pool = poolFactory.get();
    int total = workload.count();
    int chunk = settings.chunksize();
    int window = Math.max(256, pool.workers() * 64);
    BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    int[] completionCounter = {0};
    Deque<Pending> outstanding = new ArrayDeque<>();
    TreeMap<Integer, TaskRecord> reorder = new TreeMap<>();
    List<TaskRecord> kept = settings.keepResults() ? new ArrayList<>(total) : null;
    Set<Long> pids = new HashSet<>();
    Map<Long, Set<String>> threads = new HashMap<>(); // thread names by pid
    int nextToSubmit = 0;
    int nextToEmit = 0;
    int completed = 0;
    int failed = 0;
    boolean stopping = false;
    List<Finished> batch = new ArrayList<>();
    long end;
    try {
      while (nextToEmit < total) {
        while (!stopping && nextToSubmit < total && outstanding.size() < window) {
          int from = nextToSubmit;
          int to = Math.min(total, from + chunk);
          List<CompletableFuture<Execution>> futures =
              pool.executeChunk(workload.task(), workload.arguments(from, to));
          for (int i = 0; i < futures.size(); i++) {
            int index = from + i;
            futures.get(i).whenComplete((execution, error) -> {
              synchronized (completionCounter) {
                Execution done = execution != null ? execution : cancelled();
                finished.add(new Finished(index, done, ++completionCounter[0]));
              }
            });
          }
          outstanding.addLast(new Pending(from, futures));
          nextToSubmit = to;
        }
        if (stopping && nextToSubmit < total) {
          // fail-fast: the tasks never submitted are accounted for as cancelled
          for (int index = nextToSubmit; index < total; index++) {
            finished.add(new Finished(index, cancelled(), 0));
          }
          nextToSubmit = total;
        }
        // Take every result that is already in: one wake-up per burst, not one per task.
        batch.clear();
        batch.add(take(finished));
        finished.drainTo(batch);
        for (Finished next : batch) {
          TaskRecord record = TaskRecord.of(next.index, workload.size(next.index), next.execution,
              next.completion, startMicros);
          if (record.failed()) {
            failed++;
            if (settings.failFast() && !stopping) {
              stopping = true;
              pool.shutdown(/* wait= */ false, /* cancelPending= */ true);
            }
          } else {
            completed++;
          }
          if (next.execution.pid() > 0) {
            pids.add(next.execution.pid());
            threads.computeIfAbsent(next.execution.pid(), pid -> new HashSet<>()).add(next.execution.thread());
          }
          progress.completed(completed + failed, total, record);
          reorder.put(next.index, record);
          while (!reorder.isEmpty() && reorder.firstKey() == nextToEmit) {
            TaskRecord inOrder = reorder.pollFirstEntry().getValue();
            sink.accept(inOrder);
            if (kept != null) {
              kept.add(inOrder);
            }
            nextToEmit++;
          }
        }
        while (!outstanding.isEmpty() && allDone(outstanding.peekFirst())) {
          outstanding.removeFirst();
        }
      }
      end = System.nanoTime();
    } finally {
      pool.shutdown(/* wait= */ true, /* cancelPending= */ true);
    }
    double wallMillis = (end - start) / 1e6;
    int workerProcesses = pool instanceof io.procpool.process.ProcessPool processes ? processes.launchedCount() : 0;
    return new RunReport(pool.mode().cliName(), pool.workers(), total, workload.task(), settings.style().cliName(),
        chunk, completed, failed, round(wallMillis), pool.startupMillis(), pids.size(), pids.stream().sorted().limit(64).toList(), threads.values().stream().mapToInt(Set::size).sum(),
        workerProcesses, null, null, kept, startups(pool, startMicros));
  }

  /** Each worker process's spawn and hello, relative to the run's start; empty for in-JVM pools. */
  private static List<StartupRecord> startups(TaskPool pool, long runStartMicros) {
    if (!(pool instanceof io.procpool.process.ProcessPool processes)) {
      return List.of();
    }
    List<StartupRecord> startups = new ArrayList<>();
    for (io.procpool.process.WorkerStart start : processes.startHistory()) {
      startups.add(new StartupRecord(start.worker(), start.pid(),
          round((start.spawnedAtMicros() - runStartMicros) / 1000.0),
          round((start.readyAtMicros() - runStartMicros) / 1000.0)));
    }
    return startups;
  }

  private static boolean allDone(Pending pending) {
    for (CompletableFuture<Execution> future : pending.futures) {
      if (!future.isDone()) {
        return false;
      }
    }
    return true;
  }

  private static Execution cancelled() {
    return Execution.failedBeforeRunning(
        TaskFailure.of(FailureKind.CANCELLED, "cancelled before it ran (fail-fast)", ""), 0);
  }

  private static Finished take(BlockingQueue<Finished> queue) {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for results");
    }
  }

  private static double round(double millis) {
    return Math.round(millis * 100) / 100.0;
  }
}
