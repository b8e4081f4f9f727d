package io.procpool.process;

import io.procpool.pool.Execution;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the pool decided under its lock and carries out after releasing it: writes first (so
 * workers get busy again soonest), then kills, the user's stderr lines, completing futures
 * (whose callbacks are the caller's code) and other slow work, and launches last. None of it
 * may run inside the lock.
 */
final class Effects {
  private final Set<Connection> writes = new LinkedHashSet<>();
  private final List<WorkerProcess> kills = new ArrayList<>();
  private final List<String> reports = new ArrayList<>();
  private final List<Runnable> completions = new ArrayList<>();
  private final List<Runnable> later = new ArrayList<>();
  private final List<Worker> launches = new ArrayList<>();
  private final Consumer<String> report;
  private final FutureLedger ledger;

  /**
   * @param report the user's stderr sink: reports, and a future found completed already
   * @param ledger counts how futures end
   */
  Effects(Consumer<String> report, FutureLedger ledger) {
    this.report = report;
    this.ledger = ledger;
  }

  Effects(Consumer<String> report) {
    this(report, new FutureLedger());
  }

  /** The connection has queued messages (or an end of output) to write. */
  void write(Connection connection) {
    writes.add(connection);
  }

  /** Kills the process and everything it started. */
  void kill(WorkerProcess process) {
    kills.add(process);
  }

  /** One line for the stderr sink. */
  void report(String line) {
    reports.add(line);
  }

  void complete(CompletableFuture<Execution> future, Execution execution) {
    completions.add(() -> {
      ledger.ended(); // first: whoever sees the future done sees it counted
      if (!future.complete(execution) && !future.isCancelled()) {
        // Every task ends exactly once: a second ending is a bug here, or the caller's doing.
        ledger.endedTwice();
        report.accept("task future already completed (not by procpool, or a procpool bug); dropped " + execution);
      }
    });
  }

  /**
   * Completes a chunk's futures with their executions, in order: one piece of work per chunk
   * rather than one per task, which a chunk of a thousand noop tasks notices.
   */
  void completeAll(List<CompletableFuture<Execution>> futures, Execution[] executions) {
    completions.add(() -> {
      ledger.ended(executions.length);
      for (int i = 0; i < executions.length; i++) {
        if (!futures.get(i).complete(executions[i]) && !futures.get(i).isCancelled()) {
          ledger.endedTwice();
          report.accept("task future already completed (not by procpool, or a procpool bug); dropped "
              + executions[i]);
        }
      }
    });
  }

  void cancel(CompletableFuture<Execution> future) {
    completions.add(() -> {
      ledger.ended();
      future.cancel(/* mayInterruptIfRunning= */ false);
    });
  }

  /** Slow work of another kind (a file to write, say). */
  void later(Runnable work) {
    later.add(work);
  }

  /** A worker the pool has planned, to be launched. */
  void launch(Worker worker) {
    launches.add(worker);
  }

  /** The workers to launch, which {@link #run} leaves to the pool. */
  List<Worker> launches() {
    return launches;
  }

  /**
   * Runs everything but the launches, in order. Call without holding the pool's lock.
   *
   * @param own the connection whose reader thread this is, or null on any other thread: only
   *     that one is written here; another worker's writes go to its own writer, so a full pipe
   *     of one worker never stops another from being read
   */
  void run(Connection own) {
    for (Connection connection : writes) {
      if (own == null || connection == own) {
        connection.flush();
      } else {
        connection.flushSoon();
      }
    }
    kills.forEach(WorkerProcess::kill);
    reports.forEach(report);
    completions.forEach(Runnable::run);
    later.forEach(Runnable::run);
  }
}
