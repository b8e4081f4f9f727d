package io.procpool.process;

import io.procpool.pool.Execution;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the pool decided under its lock and carries out after releasing it: writes to workers'
 * stdin first (so they get busy again soonest), then completing futures, whose callbacks are
 * the caller's code and must never run inside the lock.
 */
final class Effects {
  private final Set<WorkerProcess> writes = new LinkedHashSet<>();
  private final List<Runnable> completions = new ArrayList<>();
  private final Consumer<String> report;

  /** @param report where to say so should a task's future be found completed already */
  Effects(Consumer<String> report) {
    this.report = report;
  }

  /** The worker has queued messages (or an end of input) to write. */
  void write(WorkerProcess worker) {
    writes.add(worker);
  }

  void complete(CompletableFuture<Execution> future, Execution execution) {
    completions.add(() -> {
      if (!future.complete(execution) && !future.isCancelled()) {
        // Every task ends exactly once: a second ending is a bug here, or the caller's doing.
        report.accept("task future already completed (not by procpool, or a procpool bug); dropped " + execution);
      }
    });
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
