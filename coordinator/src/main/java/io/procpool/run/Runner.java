package io.procpool.run;

import io.procpool.protocol.Clocks;
import io.procpool.pool.TaskPool;
import java.time.Duration;
import java.util.List;
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
 *
 * <p>Its parts: {@link SubmissionWindow} sends chunks and hands finished ones back, {@link Tally}
 * counts their outcomes, {@link RunRecords} keeps them in task order for the records,
 * {@link ReportMaker} makes the report; {@link RunStop} holds why and what a stop stops.
 */
public final class Runner {
  /** How long a stop waits for the run's thread to make the report before making it itself. */
  private static final long FINISH_WAIT_NANOS = 1_000_000_000L;

  private final Supplier<TaskPool> poolFactory;
  private final RunSettings settings;
  private final Progress progress;
  private final RecordSink sink;
  private final RecordBuffer buffer;
  private String plannedMode = "?";
  private int plannedWorkers;
  /** Why the run stops and what a stop reaches: volatile, read by every thread without the lock. */
  private final RunStop stopping = new RunStop();

  /**
   * The run's one lock: it guards the window's bookkeeping, the tally, the records and the report,
   * so that whichever thread makes the report (the run's, or a stop's in {@link #finishNow}) sees
   * every task accounted for once. The run's thread holds it while it takes up a burst of chunks,
   * never while a task may run in it (serial mode); the pool's threads never take it.
   */
  private final ReentrantLock state = new ReentrantLock();
  /** Signalled once the report is made: a stop waits on it for the run's own report. */
  private final Condition reported = state.newCondition();
  /** Set by {@link #run} under the lock; null before. */
  private TaskList workload;
  private SubmissionWindow window;
  private Tally tally;
  private RunRecords records;
  private ReportMaker reportMaker;
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

  public RunReport run(TaskList workload) {
    state.lock();
    try {
      this.workload = workload;
      long startNanos = System.nanoTime();
      long startMicros = Clocks.epochMicros();
      reportMaker = new ReportMaker(workload, settings, startNanos, startMicros);
      AtomicInteger completions = new AtomicInteger();
      window = new SubmissionWindow(state, workload, settings.chunksize(), stopping, settings.failFast(), completions);
      tally = new Tally(stopping, settings.failFast(), progress, workload.count(), completions);
      records = new RunRecords(sink, buffer, workload, startMicros, settings.keepResults());
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
    int chunks = SubmissionWindow.chunksFor(pool.workers(), settings.chunksize());
    // Waking for a quarter of the window leaves three quarters queued: the workers never starve.
    int wakeFor = settings.failFast() || progress != Progress.NONE ? 1 : Math.max(1, chunks / 4);
    while (true) {
      window.fill(pool, chunks);
      int waitFor = Math.min(wakeFor, window.untaken());
      List<SentChunk> arrived =
          stopping.requested() && waitFor == 0 ? List.of() : window.awaitDone(Math.max(1, waitFor));
      state.lock();
      try {
        if (report != null) {
          return report;
        }
        for (SentChunk chunk : arrived) {
          window.takeUp(chunk, tally);
        }
        recordInOrder();
        if (stopping.requested() && window.isEmpty()) {
          cancelUnsent();
        }
        if (records.accounted() == total) {
          return reportNow();
        }
      } finally {
        state.unlock();
      }
    }
  }

  /** Moves the taken-up chunks at the head of the window, in task order, to the records. Under the lock. */
  private void recordInOrder() {
    for (FinishedChunk chunk = window.pollFinished(); chunk != null; chunk = window.pollFinished()) {
      records.add(chunk);
    }
  }

  /** The tasks never sent are accounted for as cancelled, after every one that was sent. Under the lock. */
  private void cancelUnsent() {
    int from = window.closeUnsent();
    int to = workload.count();
    records.addCancelled(from, to, stopping.cancelled());
    tally.failedUnrun(to - from);
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
      window.takeUpAllNow(tally);
      recordInOrder();
      FinishedChunk givenUp = window.giveUpSubmitting(stopping.interrupted("its chunk was still running"));
      if (givenUp != null) {
        tally.failedUnrun(givenUp.size());
        records.add(givenUp);
      }
      cancelUnsent();
      RunReport made = reportNow();
      window.wakeUp();
      return made;
    } finally {
      state.unlock();
    }
  }

  /** Whether the run was stopped by {@link #stop} or fail-fast. */
  public boolean stopped() {
    return stopping.requested();
  }

  /** Makes the report and wakes a stop waiting for it. Under the lock. */
  private RunReport reportNow() {
    report = reportMaker.make(stopping.pool(), plannedMode, plannedWorkers, tally, records);
    reported.signalAll();
    return report;
  }
}
