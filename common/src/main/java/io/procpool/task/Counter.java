package io.procpool.task;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Increments a counter held in a static field and returns its new value. Threads share one
 * counter; each worker process has its own: memory isolation in one number.
 */
public final class Counter implements Task {
  private static final AtomicLong COUNT = new AtomicLong();

  @Override
  public String name() {
    return "counter";
  }

  @Override
  public String description() {
    return "increments a static counter and returns it (shared by threads, per process otherwise)";
  }

  @Override
  public Object run(Object argument) {
    return COUNT.incrementAndGet();
  }

  /** Its value depends on which process ran it and what ran there before: the point of it. */
  @Override
  public boolean deterministic() {
    return false;
  }
}
