package io.procpool.process;

import io.procpool.pool.Execution;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the pool decided under its lock and carries out after releasing it: writes to workers'
 * stdin first (so they get busy again soonest), then completing futures, whose callbacks are
 * the caller's code and must never run inside the lock.
 */
final class Effects {
  private final Set<WorkerProcess> writes = new LinkedHashSet<>();
  private final List<Runnable> completions = new ArrayList<>();

  /** The worker has queued messages (or an end of input) to write. */
  void write(WorkerProcess worker) {
    writes.add(worker);
  }

  void complete(CompletableFuture<Execution> future, Execution execution) {
    completions.add(() -> future.complete(execution));
  }

  void cancel(CompletableFuture<Execution> future) {
    completions.add(() -> future.cancel(/* mayInterruptIfRunning= */ false));
  }

  /** Runs everything, in order. Call without holding the pool's lock. */
  void run() {
    writes.forEach(WorkerProcess::drain);
    completions.forEach(Runnable::run);
  }
}
