package io.procpool.run;

import io.procpool.protocol.Clocks;
import io.procpool.pool.Execution;
import io.procpool.pool.PoolClosedException;
import io.procpool.pool.TaskPool;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs one workload on one pool and reports it. Submission is windowed: only a bounded number
 * of chunks are outstanding at once, so a run of a million tasks needs memory for the window,
 * not for the whole list. A chunk is taken up when its last task completes, and the run's thread
 * is woken once a quarter of the window is done, not per chunk (at once with progress or
 * fail-fast). Records leave in task order, and only after the wall clock stops (or when the
 * {@link RecordBuffer} fills): writing them is timed apart, as {@code writeMillis}, so that the
 * wall time is the pool's and the records' cost is still shown.
 *
 * <p>A run can be stopped from another thread: {@link #stop} sends nothing more and stops the
 * pool with a grace; {@link #finishNow} accounts for every task at once (a task that never
 * finished is {@code interrupted}, one never started {@code cancelled}) and returns the report,
 * even while the run's own thread is stuck inside a task, as in serial mode.
 */
public final class Runner {
  /** About how many tasks may be outstanding: enough to keep any pool busy, little memory. */
  private static final int WINDOW_TASKS = 65_536;
  /** How long a stop waits for the run's thread to make the report before making it itself. */
  private static final long FINISH_WAIT_NANOS = 1_000_000_000L;

  private final Supplier<TaskPool> poolFactory;
  private final RunSettings settings;
  private final Progress progress;
  private final RecordSink sink;
  private String plannedMode = "?";
  private int plannedWorkers;

  /** Chunks whose every task is complete, in completion order. */
  private final DoneChunks<Batch> done = new DoneChunks<>();
  private final AtomicInteger completions = new AtomicInteger();
  /** Why and what a stop stops; lock-free, read by every thread. */
  private final RunStop stopping = new RunStop();

  /** Guards what follows: the run's thread holds it while it takes up a burst of chunks. */
  private final ReentrantLock state = new ReentrantLock();
  private final Condition reported = state.newCondition();
  private final ArrayDeque<Batch> outstanding = new ArrayDeque<>();
  private TaskList workload;
  private long start;
  private long startMicros;
  private int nextToSubmit;
  /** Chunks sent and not yet taken up: what the run's thread may wait for. */
  private int untaken;
  private final RecordBuffer buffer;
  /** Finished chunks and never-sent ranges, in task order, on their way to the sink (and kept). */
  private RunRecords records;
  private int completed;
  private int failed;
  private final ThreadsSeen threads = new ThreadsSeen();
  /** The chunk being handed to the pool: in serial mode it runs before the pool returns its futures. */
  private int submittingFrom;
  private int submittingTo;
  /** The report, once made by {@link #run} or {@link #finishNow}; made once. */
  private RunReport report;

  public Runner(Supplier<TaskPool> poolFactory, RunSettings settings, Progress progress, RecordSink sink) {
    this(poolFactory, settings, progress, sink, RecordBuffer.sizedForHeap());
  }

  /** With a buffer of the caller's size (tests of its bound). */
  Runner(Supplier<TaskPool> poolFactory, RunSettings settings, Progress progress, RecordSink sink,
      RecordBuffer buffer) {
    this.poolFactory = poolFactory;
    this.settings = settings;
    this.progress = progress;
    this.sink = sink;
    this.buffer = buffer;
  }

  /** The mode and worker count to report if the run is stopped before its pool exists. */
  public Runner planned(String mode, int workers) {
    this.plannedMode = mode;
    this.plannedWorkers = workers;
    return this;
  }

  /** One chunk in flight: its first task's index, its futures and, once taken up, its outcome. */
  private static final class Batch {
    final int first;
    final List<CompletableFuture<Execution>> futures;
    /** Completion numbers of its tasks are base + 1 ... base + size, in task order. */
    int completionBase;
    FinishedChunk finished;

    Batch(int first, List<CompletableFuture<Execution>> futures) {
      this.first = first;
      this.futures = futures;
    }
  }

  public RunReport run(TaskList workload) {
    state.lock();
    try {
      this.workload = workload;
      this.start = System.nanoTime();
      this.startMicros = Clocks.epochMicros();
      this.records = new RunRecords(sink, buffer, workload, startMicros, settings.keepResults());
    } finally {
      state.unlock();
    }
    TaskPool created;
    stopping.starting(Thread.currentThread());
    try {
      if (stopping.requested()) {
        return finishNow();
      }
      created = poolFactory.get();
    } catch (RuntimeException e) {
      if (stopping.requested()) { // the stop interrupted the start: what a stop reports, not a failed start
        Thread.interrupted();
        return finishNow();
      }
      throw e;
    } finally {
      stopping.starting(null);
    }
    state.lock();
    try {
      if (report != null) { // finished (all cancelled) while the pool was starting
        created.stop(Duration.ZERO);
        return report;
      }
      stopping.started(created);
    } finally {
      state.unlock();
    }
    try {
      return takeResults(created);
    } finally {
      created.shutdown(/* wait= */ true, /* cancelPending= */ true);
    }
  }

  private RunReport takeResults(TaskPool pool) {
    int total = workload.count();
    int chunk = settings.chunksize();
    int window = Math.max(4 * pool.workers(),
        Math.min(Math.max(256, pool.workers() * 64), (WINDOW_TASKS + chunk - 1) / chunk));
    // Waking for a quarter of the window leaves three quarters queued: the workers never starve.
    int wakeFor = settings.failFast() || progress != Progress.NONE ? 1 : Math.max(1, window / 4);
    while (true) {
      submitMore(pool, total, chunk, window);
      int waitFor = Math.min(wakeFor, untaken());
      List<Batch> arrived = stopping.requested() && waitFor == 0 ? List.of() : take(Math.max(1, waitFor));
      state.lock();
      try {
        if (report != null) {
          return report;
        }
        for (Batch batch : arrived) {
          takeUp(batch);
        }
        emitInOrder();
        if (stopping.requested() && outstanding.isEmpty()) {
          cancelUnsubmitted();
        }
        if (records.accounted() == total) {
          report = report();
          reported.signalAll();
          return report;
        }
      } finally {
        state.unlock();
      }
    }
  }

  /** Sends chunks until the window is full. Outside the lock: a serial pool runs them right here. */
  private void submitMore(TaskPool pool, int total, int chunk, int window) {
    while (!stopping.requested() && nextToSubmit < total && outstandingSize() < window) {
      int from = nextToSubmit;
      int to = (int) Math.min(total, (long) from + chunk);
      List<CompletableFuture<Execution>> futures;
      List<Object> arguments = workload.arguments(from, to);
      state.lock();
      try {
        submittingFrom = from;
        submittingTo = to;
      } finally {
        state.unlock();
      }
      try {
        futures = pool.executeChunk(workload.task(), arguments);
      } catch (PoolClosedException stopped) {
        return; // stopped meanwhile: the rest is cancelled
      }
      Batch batch = new Batch(from, futures);
      state.lock();
      try {
        if (report != null) {
          return; // finished by finishNow while this chunk ran
        }
        outstanding.addLast(batch);
        untaken++;
        nextToSubmit = to;
        submittingTo = from;
      } finally {
        state.unlock();
      }
      whenAllDone(batch, futures.size() - 1);
    }
  }

  /**
   * Queues the batch once all its futures are done. Pools complete a chunk's futures in order,
   * so one callback on the last usually suffices; if not, it waits on the first one still open.
   */
  private void whenAllDone(Batch batch, int watched) {
    batch.futures.get(watched).whenComplete((execution, error) -> {
      for (int i = 0; i < batch.futures.size(); i++) {
        if (!batch.futures.get(i).isDone()) {
          whenAllDone(batch, i);
          return;
        }
      }
      if (settings.failFast() && !stopping.requested() && anyFailed(batch)) {
        stopping.failFast();
      }
      batch.completionBase = completions.getAndAdd(batch.futures.size());
      done.add(batch);
    });
  }

  private static boolean anyFailed(Batch batch) {
    for (CompletableFuture<Execution> future : batch.futures) {
      if (future.isCompletedExceptionally() || future.join().failed()) {
        return true;
      }
    }
    return false;
  }

  /** Keeps a finished chunk's outcomes and counts them (under the lock); no record per task yet. */
  private void takeUp(Batch batch) {
    if (batch.finished != null) {
      return;
    }
    int size = batch.futures.size();
    Execution[] executions = new Execution[size];
    int[] completionsOneByOne = batch.completionBase >= 0 ? null : new int[size];
    if (completionsOneByOne == null) {
      for (int i = 0; i < size; i++) {
        executions[i] = countDone(batch.futures.get(i)); // a call per task: compiled early (see LocalRunner)
      }
    } else {
      Execution interrupted = stopping.interrupted("still running");
      for (int i = 0; i < size; i++) {
        CompletableFuture<Execution> future = batch.futures.get(i);
        Execution execution = future.isDone() ? executionOf(future) : interrupted;
        completionsOneByOne[i] = execution == interrupted ? 0 : completions.incrementAndGet();
        executions[i] = execution;
        count(execution);
      }
    }
    batch.finished = completionsOneByOne == null
        ? FinishedChunk.inOrder(batch.first, executions, batch.completionBase)
        : FinishedChunk.numbered(batch.first, executions, completionsOneByOne);
    untaken--;
    progress.completed(completed + failed, workload.count());
  }

  /** A done task's outcome, counted. */
  private Execution countDone(CompletableFuture<Execution> future) {
    Execution execution = executionOf(future);
    count(execution);
    return execution;
  }

  private void count(Execution execution) {
    if (execution.failed()) {
      failed++;
      if (settings.failFast() && !stopping.requested()) {
        stopping.failFast();
      }
    } else {
      completed++;
    }
    threads.saw(execution);
  }

  /** Moves the finished chunks at the head of the window, in task order, to the records. */
  private void emitInOrder() {
    while (!outstanding.isEmpty() && outstanding.peekFirst().finished != null) {
      records.add(outstanding.removeFirst().finished);
    }
  }

  /** The tasks never sent are accounted for as cancelled, after every one that was sent. */
  private void cancelUnsubmitted() {
    int from = nextToSubmit;
    int to = workload.count();
    records.addCancelled(from, to, cancelled());
    failed += to - from;
    nextToSubmit = to;
  }

  /**
   * Asks the run to stop: nothing more is sent and the pool is stopped with this grace (see
   * {@link TaskPool#stop}). Returns when the pool has stopped; a pool still starting is
   * interrupted, so that it launches no more workers and ends those it launched.
   *
   * @param reason shown in the records of tasks that never ran, e.g. "SIGINT"
   */
  public void stop(Duration grace, String reason) {
    stopping.request(reason);
    if (stopping.reach(grace)) {
      awaitOwnReport(FINISH_WAIT_NANOS);
    }
  }

  /**
   * Once the pool has stopped, the run's thread usually makes the report within milliseconds;
   * it has the exact account of a chunk it is still handing over (serial mode), so it gets a
   * moment before {@link #finishNow} takes over.
   */
  private void awaitOwnReport(long nanos) {
    state.lock();
    try {
      long left = nanos;
      while (report == null && left > 0) {
        left = reported.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      state.unlock();
    }
  }

  /**
   * The report now: every task that finished as it finished, those sent and not finished as
   * interrupted, the rest cancelled. The run's thread, if it is still going, returns the same.
   */
  public RunReport finishNow() {
    state.lock();
    try {
      if (report != null) {
        return report;
      }
      if (workload == null) {
        throw new IllegalStateException("the run has not started");
      }
      stopping.requestUnlessRequested("stopped");
      for (Batch batch : outstanding) {
        if (batch.finished == null) {
          batch.completionBase = -1; // numbered one by one, as found done
          takeUp(batch); // from its futures: an open one is interrupted
        }
      }
      emitInOrder();
      if (outstanding.isEmpty() && submittingTo > submittingFrom && submittingFrom == nextToSubmit) {
        // A chunk the pool has not returned yet (serial mode, stuck in a long task): its tasks'
        // futures are out of reach, so all of it counts as interrupted.
        Execution interrupted = stopping.interrupted("its chunk was still running");
        Execution[] executions = new Execution[submittingTo - submittingFrom];
        Arrays.fill(executions, interrupted);
        failed += executions.length;
        records.add(FinishedChunk.numbered(submittingFrom, executions, new int[executions.length]));
        nextToSubmit = submittingTo;
      }
      cancelUnsubmitted();
      report = report();
      reported.signalAll();
      done.wakeUp();
      return report;
    } finally {
      state.unlock();
    }
  }

  /** Whether the run was stopped by {@link #stop} or fail-fast. */
  public boolean stopped() {
    return stopping.requested();
  }

  /** The report: the wall clock stops, then the buffered records are written (timed apart). */
  private RunReport report() {
    double wallMillis = round((System.nanoTime() - start) / 1e6);
    records.writeAll();
    double writeMillis = round(records.writeNanos() / 1e6);
    TaskPool current = stopping.pool();
    List<Long> pids = threads.pids();
    if (current == null) {
      return new RunReport(plannedMode, plannedWorkers, workload.count(), workload.name(),
          settings.style().cliName(), settings.chunksize(), completed, failed, wallMillis, wallMillis, writeMillis, 0,
          List.of(), 0, 0, null, null, records.kept(), List.of(), List.of());
    }
    int workerProcesses = current instanceof io.procpool.process.ProcessPool processes ? processes.launchedCount() : 0;
    return new RunReport(current.mode().cliName(), current.workers(), workload.count(), workload.name(),
        settings.style().cliName(), settings.chunksize(), completed, failed, wallMillis, current.startupMillis(),
        writeMillis,
        pids.size(), pids.stream().limit(64).toList(), threads.threads(), workerProcesses, null, null, records.kept(),
        startups(current, startMicros),
        current instanceof io.procpool.process.ProcessPool processes ? processes.violations() : List.of());
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

  private int outstandingSize() {
    state.lock();
    try {
      return outstanding.size();
    } finally {
      state.unlock();
    }
  }

  private Execution executionOf(CompletableFuture<Execution> future) {
    return future.isCompletedExceptionally() ? cancelled() : future.join();
  }

  private Execution cancelled() {
    return stopping.cancelled();
  }

  private int untaken() {
    state.lock();
    try {
      return untaken;
    } finally {
      state.unlock();
    }
  }

  /** Waits for {@code count} more finished chunks, or fewer once the run is finished by a stop. */
  private List<Batch> take(int count) {
    while (true) {
      try {
        return done.await(count);
      } catch (InterruptedException e) {
        if (!stopping.requested()) {
          Thread.currentThread().interrupt();
          throw new CancellationException("interrupted while waiting for results");
        }
        // a stopping pool interrupts the thread that ran its tasks: this one, in serial mode
      }
    }
  }

  private static double round(double millis) {
    return Math.round(millis * 100) / 100.0;
  }
}
