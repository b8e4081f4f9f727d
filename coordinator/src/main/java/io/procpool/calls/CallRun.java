package io.procpool.calls;

import io.procpool.calls.InputLines.Call;
import io.procpool.fn.Invocation;
import io.procpool.pool.Execution;
import io.procpool.pool.TaskPool;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A user's method run on every call of an input in one mode: each outcome goes to a consumer as
 * it is ready, in input order ({@code map}) or finish order ({@code as-completed}).
 *
 * @param mode the mode's name
 * @param workers how many tasks could run at once
 * @param wallMillis the whole run, the pool's start included
 * @param startupMillis the pool's start
 * @param results each call's outcome, in input order
 * @param failed how many calls failed
 */
public record CallRun(String mode, int workers, double wallMillis, long startupMillis, List<OutputLine> results, int failed) {

  /**
   * Runs the calls.
   *
   * @param asCompleted write results as they finish rather than in input order
   * @param failFast stop at the first failed call, cancelling those not started
   * @param started told the pool once every call is submitted (to stop it on a signal)
   * @param out receives each output line as it is ready; every call gets one, a cancelled one too
   */
  public static CallRun run(Supplier<TaskPool> pools, Invocation invocation, List<Call> calls, int chunksize,
      boolean asCompleted, boolean failFast, Consumer<TaskPool> started, Consumer<OutputLine> out) {
    long start = System.nanoTime();
    OutputLine[] results = new OutputLine[calls.size()];
    int failed = 0;
    TaskPool pool = pools.get();
    boolean stopping = false;
    try {
      List<String> arguments = calls.stream().map(Call::arguments).toList();
      List<CompletableFuture<Execution>> futures = calls.isEmpty() ? List.of()
          : pool.executeAll(invocation.task(), arguments, chunksize);
      started.accept(pool); // after the submission: a stop from now on completes every call's future
      Map<CompletableFuture<Execution>, Integer> index = new IdentityHashMap<>();
      for (int i = 0; i < futures.size(); i++) {
        index.put(futures.get(i), i);
      }
      Iterable<CompletableFuture<Execution>> order = asCompleted ? TaskPool.asCompleted(futures) : futures;
      for (CompletableFuture<Execution> future : order) {
        int i = index.get(future);
        Execution done = executionOrNull(future);
        results[i] = done == null
            ? OutputLine.cancelled(calls.get(i).line(),
                stopping ? "an earlier task failed (--fail-fast)" : "the run was stopped")
            : done.failed() ? OutputLine.failure(calls.get(i).line(), done.failure())
            : OutputLine.value(calls.get(i).line(), (String) done.value());
        out.accept(results[i]);
        if (done == null || done.failed()) {
          failed++;
          if (failFast && !stopping) {
            // The rest still get their lines: cancelled, or the value of one already running.
            stopping = true;
            pool.shutdown(/* wait= */ false, /* cancelPending= */ true);
          }
        }
      }
    } finally {
      pool.shutdown(/* wait= */ true, /* cancelPending= */ true);
    }
    double wall = (System.nanoTime() - start) / 1e6;
    List<OutputLine> outcomes = new ArrayList<>();
    for (OutputLine result : results) {
      outcomes.add(result);
    }
    return new CallRun(pool.mode().cliName(), pool.workers(), wall, pool.startupMillis(), outcomes, failed);
  }

  /** The call's execution, or null when it was cancelled (also while this thread waited for it). */
  private static Execution executionOrNull(CompletableFuture<Execution> future) {
    try {
      return future.isCancelled() ? null : TaskPool.await(future);
    } catch (CancellationException cancelled) {
      return null;
    }
  }
}
