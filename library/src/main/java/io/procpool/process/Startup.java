package io.procpool.process;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The pool's start: workers launched one at a time, so that a shutdown, a kill, an interrupt of
 * the starting thread or the coordinator's exit stops the launching at once, and a wait for them
 * to become ready.
 */
final class Startup {
  /** How many times the first worker's start-up the others get before the pool opens without them. */
  private static final long STRAGGLER_GRACE_FACTOR = 2;
  private static final long STRAGGLER_GRACE_MIN_NANOS = 2_000_000_000L;

  private final ReentrantLock lock;
  private final Condition changed;
  private final PoolCore core;

  Startup(ReentrantLock lock, Condition changed, PoolCore core) {
    this.lock = lock;
    this.changed = changed;
    this.core = core;
  }

  /**
   * Launches workers until all are ready; returns why that cannot be, or null. Once some are
   * ready, stragglers get {@link #STRAGGLER_GRACE_FACTOR} times as long again (at least
   * {@link #STRAGGLER_GRACE_MIN_NANOS}) and then go on starting while the pool is in use: a
   * worker stopped or slowed before its hello must not hold up tasks that ready workers could
   * run. Its start timeout still applies.
   */
  String run(int maxFailures, Supplier<Effects> newEffects, Consumer<Effects> finish) {
    long begin = System.nanoTime();
    long firstReady = 0;
    while (true) {
      Effects effects = newEffects.get();
      lock.lock();
      try {
        int ready = core.readyCount();
        long now = System.nanoTime();
        if (ready > 0 && firstReady == 0) {
          firstReady = now;
        }
        long straggled = firstReady == 0 ? 0
            : now - firstReady - Math.max(STRAGGLER_GRACE_MIN_NANOS, STRAGGLER_GRACE_FACTOR * (firstReady - begin));
        if (ready == core.options.workers() || ready > 0 && core.workers.size() == core.options.workers() && straggled >= 0) {
          core.started = true;
          return null;
        }
        if (core.shutdown || LiveWorkers.stopping()) {
          return "the pool was shut down while its workers were starting";
        }
        if (Thread.currentThread().isInterrupted()) {
          return "interrupted while its workers were starting";
        }
        if (core.startFailures.reached(maxFailures)) {
          return "could not start worker processes with command " + core.launcher.command() + ": "
              + core.startFailures.first();
        }
        if (core.workers.size() < core.options.workers()) {
          core.plan(effects);
        } else if (firstReady == 0) {
          changed.await();
        } else {
          changed.awaitNanos(-straggled);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted while its workers were starting";
      } finally {
        lock.unlock();
      }
      finish.accept(effects);
    }
  }
}
