package io.procpool.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Every deadline of the pool on one clock: a start that sends no hello in time, a request
 * that outlives the task timeout, and a worker that announced its exit and lingers. One timer
 * thread ticks; {@link #due} decides, under the pool's lock, which workers must be killed and
 * why, and the pool kills them after releasing the lock. Tests call {@link #due} with a clock
 * of their own.
 */
final class Supervisor {
  /** A worker to kill, and the message that says why. */
  record Overdue(Worker worker, Lifecycle.Ending ending, String why) {}

  private final Duration startTimeout;
  /** Null for no task timeout. */
  private final Duration timeout;
  private final LongSupplier nanoClock;
  private ScheduledExecutorService timer;

  Supervisor(Duration startTimeout, Duration timeout, LongSupplier nanoClock) {
    this.startTimeout = startTimeout;
    this.timeout = timeout;
    this.nanoClock = nanoClock;
  }

  long now() {
    return nanoClock.getAsLong();
  }

  /** Starts ticking: {@code tick} runs every tenth of the shortest deadline, 5 to 100 ms apart. */
  synchronized void start(Runnable tick) {
    long shortest = timeout == null ? startTimeout.toMillis() : Math.min(startTimeout.toMillis(), timeout.toMillis());
    long period = Math.max(5, Math.min(100, shortest / 10));
    timer = Executors.newSingleThreadScheduledExecutor(work -> {
      Thread thread = new Thread(work, "procpool-supervisor");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        tick.run();
      } catch (RuntimeException e) {
        // a scheduled task that throws is never run again: keep the deadlines alive
      }
    }, period, period, TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /**
   * The workers past a deadline now, each once. A worker that has not said hello is held to the
   * start timeout whatever else the pool asked of it (closing its input does not end a process
   * that never reads it).
   */
  List<Overdue> due(Collection<Worker> workers) {
    long now = now();
    List<Overdue> due = new ArrayList<>();
    for (Worker worker : workers) {
      if (worker.killed || worker.lifecycle.is(Lifecycle.State.LAUNCHING)
          || worker.lifecycle.is(Lifecycle.State.DEAD)) {
        continue;
      }
      if (worker.hello == null && now - worker.launchedAt > startTimeout.toNanos()) {
        due.add(new Overdue(worker, Lifecycle.Ending.PROTOCOL_ERROR,
            worker.describe() + " sent no hello within " + startTimeout.toMillis() + " ms"));
      } else if (worker.killAt != 0 && now - worker.killAt >= 0) {
        due.add(new Overdue(worker, Lifecycle.Ending.PROTOCOL_ERROR, worker.describe() + " did not exit"));
      } else if (timeout != null && overdue(worker, now)) {
        due.add(new Overdue(worker, Lifecycle.Ending.TIMEOUT,
            "task exceeded the timeout of " + timeout.toMillis() + " ms"));
      }
    }
    return due;
  }

  private boolean overdue(Worker worker, long now) {
    Chunk head = worker.inFlight.peekFirst();
    return head != null && worker.lifecycle.ending() == Lifecycle.Ending.NONE
        && now - worker.headSince > timeout.toNanos() * head.arguments.size();
  }
}
