package io.procpool.calls;

import io.procpool.calls.InputLines.Call;
import io.procpool.fn.Invocation;
import io.procpool.pool.Execution;
import io.procpool.pool.PoolClosedException;
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
    try {
      // Before the submission: a serial pool runs each chunk as it is handed over, so a stop
      // must reach it meanwhile; a call the stopped pool refuses is cancelled below.
      started.accept(pool);
      List<String> arguments = calls.stream().map(Call::arguments).toList();
      Submission submitted = submit(pool, invocation.task(), arguments, chunksize, failFast);
      List<CompletableFuture<Execution>> futures = submitted.futures();
      boolean stopping = false;
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
                stopping || submitted.cutByFailure() ? "an earlier task failed (--fail-fast)" : "the run was stopped")
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

  /**
   * Hands the calls over a chunk at a time; once the pool refuses (a stop) or, with fail-fast, a
   * chunk has failed already (a serial pool ran it right here), the rest get cancelled futures.
   */
  private static Submission submit(TaskPool pool, String task, List<String> arguments, int chunksize,
      boolean failFast) {
    List<CompletableFuture<Execution>> futures = new ArrayList<>(arguments.size());
    boolean cut = false;
    boolean cutByFailure = false;
    for (int from = 0; from < arguments.size(); from += chunksize) {
      List<String> chunk = arguments.subList(from, Math.min(arguments.size(), from + chunksize));
      List<CompletableFuture<Execution>> sent = null;
      if (!cut) {
        try {
          sent = pool.executeChunk(task, chunk);
        } catch (PoolClosedException stopped) {
          cut = true;
        }
      }
      if (sent == null) {
        chunk.forEach(notSent -> futures.add(cancelled()));
      } else {
        futures.addAll(sent);
        cutByFailure = failFast && sent.stream().anyMatch(CallRun::failedAlready);
        cut = cutByFailure;
      }
    }
    return new Submission(futures, cutByFailure);
  }

  /** Every call's future in input order, and whether fail-fast cut the hand-over short. */
  private record Submission(List<CompletableFuture<Execution>> futures, boolean cutByFailure) {}

  private static boolean failedAlready(CompletableFuture<Execution> future) {
    return future.isDone() && (future.isCancelled() || future.isCompletedExceptionally() || future.join().failed());
  }

  private static CompletableFuture<Execution> cancelled() {
    CompletableFuture<Execution> future = new CompletableFuture<>();
    future.cancel(/* mayInterruptIfRunning= */ false);
    return future;
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
