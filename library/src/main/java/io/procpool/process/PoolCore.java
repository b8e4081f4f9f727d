package io.procpool.process;

import io.procpool.pool.FailureKind;
import io.procpool.pool.ProcessPoolOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.function.LongSupplier;

/**
 * The process pool's decisions, all made under its lock ({@link ProcessPool} holds it): what
 * each event from a worker means, which workers to plan, kill or retire. It starts, kills and
 * writes nothing itself: it puts that on {@link Effects}, which run after the lock is released.
 * What a worker's messages mean is {@link WorkerMessages}'s part.
 */
final class PoolCore {
  final ProcessPoolOptions options;
  final Launcher launcher;
  final Dispatcher dispatcher;
  final Supervisor supervisor;
  final Set<Worker> workers = new LinkedHashSet<>();
  final StartFailures startFailures = new StartFailures();
  /** Every worker that said hello, replacements included, in order. */
  final List<WorkerStart> starts = new ArrayList<>();
  /** The pid of every process launched, for the pool's audit. */
  final List<Long> launchedPids = new ArrayList<>();
  /** Every worker's first protocol violation, in order, whatever became of its tasks. */
  final List<ProtocolViolation> violations = new ArrayList<>();
  final WorkerMessages messages;
  private final Condition changed;
  int launched;
  /**
   * Workers that ended after their work (they ran their share of tasks, or died of the last
   * task) and are not replaced until work waits again: a run of 4 tasks starts no fifth JVM.
   */
  private int unreplaced;
  boolean shutdown;
  /** Until {@code ProcessPool.start} returns, it alone plans workers, with its own failure limit. */
  boolean started;

  PoolCore(ProcessPoolOptions options, Launcher launcher, Dispatcher dispatcher, Supervisor supervisor,
      Condition changed, LongSupplier epochMicros) {
    this.options = options;
    this.launcher = launcher;
    this.dispatcher = dispatcher;
    this.supervisor = supervisor;
    this.changed = changed;
    this.messages = new WorkerMessages(this, epochMicros);
  }

  /** A new worker to launch; it counts as one of the pool's workers from now on. */
  Worker plan(Effects effects) {
    Worker worker = new Worker("w" + (++launched));
    workers.add(worker);
    effects.launch(worker);
    return worker;
  }

  /** Its process runs. One the pool gave up on meanwhile (a kill, a shutdown) is killed. */
  void attached(Worker worker, WorkerProcess process, Connection connection, Effects effects) {
    worker.process = process;
    worker.connection = connection;
    worker.launchedAt = supervisor.now();
    if (process != null) {
      launchedPids.add(process.pid());
    }
    if (worker.lifecycle.is(Lifecycle.State.LAUNCHING)) {
      worker.lifecycle.launched();
    } else {
      killNow(worker, effects);
    }
  }

  /** Its process could not be started at all. */
  void launchFailed(Worker worker, String why, Effects effects) {
    worker.lifecycle.dead();
    workers.remove(worker);
    startFailures.failed(why);
    effects.report("[" + worker.id + "] " + why);
    settle(effects);
  }

  /** Its channel ended: it exited, crashed or was killed. */
  void onEnd(Worker worker, WorkerProcess.End end, Effects effects) {
    if (LiveWorkers.stopping()) {
      endAtExit(worker, end, effects);
      return;
    }
    boolean saidHello = worker.hello != null;
    boolean wasReady = worker.lifecycle.everReady();
    Lifecycle.Ending ending = worker.lifecycle.ending();
    boolean unexpected = ending != Lifecycle.Ending.CLOSED && ending != Lifecycle.Ending.KILLED;
    boolean heldTask = worker.inFlight.stream().anyMatch(chunk -> !chunk.initializer);
    worker.lifecycle.dead();
    workers.remove(worker);
    String why = endReason(worker, end);
    boolean commandKept = worker.process == null || launcher.workerEnded(worker.process, end, saidHello, ending, effects);
    if (!saidHello && !commandKept && !shutdown) {
      // A speed-up must never break a start: start the worker again without the archive.
      effects.report("[" + worker.id + "] failed to start with the class-data archive; starting it without: " + why);
      dispatcher.takeBack(worker, FailureKind.WORKER_DIED, why, end.stderrTail(), effects);
      plan(effects); // the cause was the launcher's and is gone: not a failed start
      settle(effects);
      return;
    }
    // A protocol error was reported when it happened: once is enough.
    if (!wasReady && !shutdown && ending != Lifecycle.Ending.KILLED && ending != Lifecycle.Ending.PROTOCOL_ERROR) {
      effects.report("[" + worker.id + "] failed to start: " + why);
    } else if (wasReady && !shutdown && ending != Lifecycle.Ending.PROTOCOL_ERROR
        && (unexpected || !worker.inFlight.isEmpty())) {
      effects.report("[" + worker.id + "] " + why.lines().findFirst().orElse(why));
    }
    // A worker that died before doing any work, and not because of a task it ran nor of a kill
    // from outside, speaks against the command; counting those stops an endless cycle of doomed
    // replacements. One that was ready is a started worker, and a kill of it is no evidence.
    boolean failedStart = !wasReady ? ending != Lifecycle.Ending.KILLED
        : unexpected && !heldTask && !worker.proven && !end.killedFromOutside();
    if (failedStart && commandKept && !worker.countedAsFailedStart) {
      startFailures.failed(why, worker.launchedAt);
    }
    dispatcher.takeBack(worker, failureKind(ending), why, end.stderrTail(), effects);
    if ((heldTask || worker.quotaSpent) && !dispatcher.hasWork()) {
      unreplaced++;
    }
    settle(effects);
  }

  /**
   * The JVM is exiting and its shutdown hook killed the worker: no retry, no replacement (a
   * worker started now is killed at once) and no more work, as a stop with no grace. It was
   * retried three times on doomed workers and failed as "no worker could be started".
   */
  private void endAtExit(Worker worker, WorkerProcess.End end, Effects effects) {
    shutdown = true;
    worker.lifecycle.killedByPool();
    worker.lifecycle.dead();
    workers.remove(worker);
    dispatcher.pending().cancelAll(effects);
    dispatcher.takeBack(worker, FailureKind.INTERRUPTED, "the JVM is shutting down and its shutdown hook killed "
        + end.summary(), end.stderrTail(), effects);
    settle(effects);
  }

  /** Records the worker's first violation; the caller reports it. */
  void violated(Worker worker, String violation) {
    worker.violation = violation;
    violations.add(new ProtocolViolation(worker.id, worker.pid(), violation));
  }

  /** Supervisor tick: kills the workers past a deadline. */
  void onTick(Effects effects) {
    for (Supervisor.Overdue overdue : supervisor.due(workers)) {
      Worker worker = overdue.worker();
      if (overdue.ending() == Lifecycle.Ending.PROTOCOL_ERROR && worker.violation == null) {
        violated(worker, overdue.why());
      }
      worker.lifecycle.end(overdue.ending());
      effects.report("[" + worker.id + "] " + overdue.why() + "; killing it");
      killNow(worker, effects);
    }
  }

  void submit(Chunk chunk, Effects effects) {
    dispatcher.pending().add(chunk);
    settle(effects);
  }

  /** No more work is accepted; idle workers are let go. */
  void shutdown(boolean cancelPending, Effects effects) {
    shutdown = true;
    if (cancelPending) {
      dispatcher.pending().cancelAll(effects);
    }
    settle(effects);
  }

  /** Kills every worker; what they ran fails, nothing is retried. */
  void killAll(Effects effects) {
    shutdown(/* cancelPending= */ true, effects);
    for (Worker worker : workers) {
      worker.lifecycle.killedByPool();
      killNow(worker, effects);
    }
  }

  int readyCount() {
    int ready = 0;
    for (Worker worker : workers) {
      if (worker.lifecycle.is(Lifecycle.State.READY)) {
        ready++;
      }
    }
    return ready;
  }

  // ---- helpers ----

  void killNow(Worker worker, Effects effects) {
    worker.killed = true;
    if (worker.process != null) {
      effects.kill(worker.process);
    }
  }

  /** Closes its input: it finishes what it holds, which is nothing, and exits. */
  void close(Worker worker, Effects effects) {
    worker.lifecycle.end(Lifecycle.Ending.CLOSED);
    worker.connection.closeOutput();
    effects.write(worker.connection);
  }

  /** After every event: work to free workers, idle workers let go after shutdown, gaps filled. */
  void settle(Effects effects) {
    settle(null, effects);
  }

  /** {@link #settle(Effects)} on the reader thread of {@code current}, which wins ties for work. */
  void settle(Worker current, Effects effects) {
    dispatcher.dispatch(workers, current, effects);
    if (shutdown && !dispatcher.hasWork()) {
      retireIdle(effects);
    }
    planReplacements(effects);
    changed.signalAll();
  }

  /** After shutdown: lets every worker that holds nothing go; one not yet started is killed. */
  private void retireIdle(Effects effects) {
    for (Worker worker : workers) {
      if (worker.lifecycle.is(Lifecycle.State.DEAD) || worker.lifecycle.ending() != Lifecycle.Ending.NONE) {
        continue;
      }
      if (!worker.inFlight.isEmpty()) {
        worker.lifecycle.retire();
      } else if (worker.hello == null || worker.connection == null) {
        worker.lifecycle.end(Lifecycle.Ending.CLOSED);
        killNow(worker, effects); // it has no work and nothing to finish
      } else {
        close(worker, effects);
      }
    }
  }

  /**
   * Keeps the pool at full strength while it is open, so a replacement is warming up before
   * work needs it; after shutdown, starts workers only for work that waits (a retried task must
   * still find one). When no worker is alive and none can be started, waiting work fails rather
   * than waiting forever.
   */
  private void planReplacements(Effects effects) {
    if (!started) {
      return;
    }
    WorkQueue pending = dispatcher.pending();
    if (!pending.isEmpty()) {
      unreplaced = 0;
    }
    int target = shutdown ? Math.min(options.workers(), workers.size() + pending.size())
        : options.workers() - unreplaced;
    while (workers.size() < target && !startFailures.reached(StartFailures.LIMIT)) {
      plan(effects);
    }
    if (workers.isEmpty() && !pending.isEmpty()) {
      pending.failAll(FailureKind.WORKER_START_FAILED, "no worker could be started ("
          + startFailures.inARow() + " failures in a row): " + startFailures.first(), effects);
    }
  }

  private String endReason(Worker worker, WorkerProcess.End end) {
    return switch (worker.lifecycle.ending()) {
      case TIMEOUT -> "task exceeded the timeout of " + options.timeout().toMillis() + " ms; " + end.withTail();
      case PROTOCOL_ERROR -> worker.violation + "; " + end.withTail();
      case KILLED -> end.summary() + " by ProcessPool.kill()";
      default -> end.withTail();
    };
  }

  private static FailureKind failureKind(Lifecycle.Ending ending) {
    return switch (ending) {
      case TIMEOUT -> FailureKind.TIMEOUT;
      case PROTOCOL_ERROR -> FailureKind.PROTOCOL_ERROR;
      default -> FailureKind.WORKER_DIED;
    };
  }
}
