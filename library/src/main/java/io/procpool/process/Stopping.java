package io.procpool.process;

import io.procpool.pool.FailureKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a process pool ends: the grace a stop gives the tasks running at that moment, and the wait
 * for every worker and process to be gone. One job taken out of {@link ProcessPool}, on its lock.
 */
final class Stopping {
  private final ReentrantLock lock;
  private final Condition changed;
  private final PoolCore core;
  private final ExecutorService writers;
  private final Endpoint endpoint;

  Stopping(ReentrantLock lock, Condition changed, PoolCore core, ExecutorService writers, Endpoint endpoint) {
    this.lock = lock;
    this.changed = changed;
    this.core = core;
    this.writers = writers;
    this.endpoint = endpoint;
  }

  /**
   * Under the pool's lock: waits until the tasks running at the stop are done or the deadline
   * ({@link System#nanoTime()}) passes, then kills every worker; see {@link ProcessPool#stop}.
   */
  void killAfterGrace(long deadline, Effects effects) {
    Set<Chunk> runningAtStop = new HashSet<>();
    core.workers.forEach(worker -> Optional.ofNullable(worker.inFlight.peekFirst()).ifPresent(runningAtStop::add));
    long wait;
    while (core.workers.stream().anyMatch(worker -> worker.inFlight.stream().anyMatch(runningAtStop::contains))
        && (wait = deadline - System.nanoTime()) > 0) {
      try {
        changed.awaitNanos(wait); // woken by each result and each end
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break; // kill now
      }
    }
    for (Worker worker : core.workers) {
      // Failed here, not when the kill is noticed, so that every future is complete on return.
      worker.lifecycle.killedByPool();
      if (!runningAtStop.contains(worker.inFlight.peekFirst())) {
        // started after the stop, or nothing: all it holds was queued when the stop came
        worker.inFlight.stream().filter(chunk -> !chunk.initializer)
            .forEach(chunk -> chunk.futures.forEach(effects::cancel));
        worker.inFlight.clear();
      }
      core.dispatcher.takeBack(worker, FailureKind.INTERRUPTED, "still running when the pool was stopped; "
          + "its worker was killed", "", effects);
      core.killNow(worker, effects);
    }
  }

  /** Waits for every worker to end and the queue to empty, then for each process to exit. */
  void awaitWorkersGone() {
    List<Process> processes = new ArrayList<>();
    lock.lock();
    try {
      while (!core.workers.isEmpty() || core.dispatcher.hasWork()) {
        core.workers.stream().filter(worker -> worker.process != null)
            .forEach(worker -> processes.add(worker.process.process));
        changed.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          LiveWorkers.killTree(process.toHandle());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LiveWorkers.killTree(process.toHandle());
      }
    }
    core.supervisor.stop();
    writers.shutdown();
    endpoint.close();
  }

  /** Under the pool's lock, once it has ended: what is left that should not be; see {@link ProcessPool#audit}. */
  List<String> leftOver(FutureLedger ledger) {
    List<String> broken = new ArrayList<>();
    if (!core.workers.isEmpty()) {
      broken.add("workers left: " + core.workers.stream().map(Worker::describe).toList());
    }
    if (core.dispatcher.hasWork()) {
      broken.add("chunks left in the queue");
    }
    if (ledger.problem() != null) {
      broken.add(ledger.problem());
    }
    return broken;
  }
}
