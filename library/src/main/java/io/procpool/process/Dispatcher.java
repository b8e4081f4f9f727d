package io.procpool.process;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.TaskFailure;
import io.procpool.protocol.Done;
import io.procpool.protocol.Outcome;
import io.procpool.protocol.Run;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Where work goes: the queue of waiting chunks, the least-loaded ready worker, the check of
 * each answer against the request it answers, and what becomes of a dead worker's requests.
 * Pure bookkeeping: it starts and kills nothing, and only queues messages on connections and
 * completions on {@link Effects}. Guarded by the pool's lock.
 */
final class Dispatcher {
  private final WorkQueue pending;
  private final int maxInFlight;
  private final int maxTasksPerWorker;
  private final LongSupplier nanoClock;
  private final LongSupplier epochMicros;
  private long ids;

  /**
   * @param maxTasksPerWorker after this many tasks a worker is retired; 0 for no limit
   * @param nanoClock the pool's clock, for how long a request has been running
   * @param epochMicros wall-clock time for the executions' finish times
   */
  Dispatcher(int retries, int maxInFlight, int maxTasksPerWorker, LongSupplier nanoClock, LongSupplier epochMicros) {
    this.pending = new WorkQueue(retries);
    this.maxInFlight = maxInFlight;
    this.maxTasksPerWorker = maxTasksPerWorker;
    this.nanoClock = nanoClock;
    this.epochMicros = epochMicros;
  }

  WorkQueue pending() {
    return pending;
  }

  /**
   * Sends queued chunks to the least-loaded workers that accept work, while any do.
   *
   * @param preferred wins a tie, or null: the worker whose reader thread this is, which writes
   *     to its own worker at once where another worker's writes are handed to a writer thread
   */
  void dispatch(Collection<Worker> workers, Worker preferred, Effects effects) {
    while (!pending.isEmpty()) {
      Worker worker = leastLoaded(workers, preferred);
      Chunk chunk = worker == null ? null : pending.next();
      if (chunk == null) {
        return;
      }
      send(worker, chunk, effects);
    }
  }

  /** Sends one chunk to one worker, retiring the worker once it has its share of tasks. */
  void send(Worker worker, Chunk chunk, Effects effects) {
    chunk.id = ++ids;
    chunk.attempts++;
    if (worker.inFlight.isEmpty()) {
      worker.headSince = nanoClock.getAsLong();
    }
    worker.inFlight.addLast(chunk);
    if (!chunk.initializer) {
      worker.tasksSent += chunk.arguments.size();
      if (maxTasksPerWorker > 0 && worker.tasksSent >= maxTasksPerWorker) {
        worker.quotaSpent = true;
        worker.lifecycle.retire();
      }
    }
    // The columns form only pays from two calls on; a worker that never offered it never sees it.
    boolean columns = chunk.arguments.size() > 1 && worker.hello != null && worker.hello.columns();
    worker.connection.send(new Run(chunk.id, chunk.task, chunk.arguments, columns));
    effects.write(worker.connection);
  }

  /**
   * Takes an answer: completes the futures of the request it answers (the oldest the worker
   * holds) and returns that request. Returns null, and takes nothing, when the answer breaks
   * the protocol; {@link #violation} says how.
   */
  Chunk accept(Worker worker, Done done, Effects effects) {
    if (violation(worker, done) != null) {
      return null;
    }
    Chunk chunk = worker.inFlight.removeFirst();
    worker.inFlightLimit.observe(done);
    worker.headSince = nanoClock.getAsLong();
    worker.proven = true;
    if (chunk.initializer) {
      return chunk;
    }
    long finishedAt = epochMicros.getAsLong();
    long pid = worker.pid();
    List<Outcome> outcomes = done.results();
    Execution[] executions = new Execution[outcomes.size()];
    for (int i = 0; i < executions.length; i++) {
      Outcome outcome = outcomes.get(i);
      executions[i] = new Execution(outcome.value(), outcome.failed() ? TaskFailure.of(outcome.error()) : null,
          pid, done.thread(), worker.id, outcome.startedAt(), outcome.micros(), finishedAt, chunk.attempts);
    }
    effects.completeAll(chunk.futures, executions);
    return chunk;
  }

  /** How this answer breaks the protocol, or null when it answers the oldest request fully. */
  String violation(Worker worker, Done done) {
    Chunk chunk = worker.inFlight.peekFirst();
    if (chunk == null || chunk.id != done.id()) {
      return "answered request " + done.id() + " but the oldest request it holds is "
          + (chunk == null ? "none" : chunk.id);
    }
    if (done.results().size() != chunk.arguments.size()) {
      return "answered request " + done.id() + " with " + done.results().size() + " results for "
          + chunk.arguments.size() + " arguments";
    }
    return null;
  }

  /** Gives back what a gone worker held: retried, put back or failed with {@code kind}. */
  void takeBack(Worker worker, FailureKind kind, String why, String detail, Effects effects) {
    pending.takeBack(worker, kind, why, detail, effects);
  }

  private Worker leastLoaded(Collection<Worker> workers, Worker preferred) {
    Worker best = null;
    for (Worker worker : workers) {
      if (!worker.lifecycle.acceptsWork() || worker.inFlight.size() >= worker.capacity(maxInFlight)) {
        continue;
      }
      if (best == null || worker.inFlight.size() < best.inFlight.size()
          || worker == preferred && worker.inFlight.size() == best.inFlight.size()) {
        best = worker;
      }
    }
    return best;
  }

  /** Whether some chunk waits that a worker could take. */
  boolean hasWork() {
    return !pending.isEmpty();
  }
}
