package io.procpool.shm;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;

/**
 * How a side waits for the next record of an empty ring (or for room in a full one). A ring
 * cannot wake a sleeper the way a pipe does, so waiting is a trade of latency against CPU.
 */
public enum ShmWait {
  /**
   * Spin on the ring, then keep looking but yield the CPU between looks, never parking: the
   * lowest latency, and a whole core per waiting thread when cores are free. A pure busy spin
   * never yields, and on a machine with fewer cores than waiting threads the threads that do
   * the work then run only when the scheduler preempts a spinner, milliseconds per hop: runs
   * took hours. So that one round trip needs only two spinning threads, a worker reads, runs
   * and answers on one thread, and the pool's caller waiting for a result reads the answers
   * itself while the pool's reader threads back off as with {@link #BACKOFF}.
   */
  SPIN,
  /**
   * Spin briefly, then yield, then park for growing times up to {@link #MAX_PARK_MICROS}: near
   * spinning's latency in a burst, little CPU when idle. The default.
   */
  BACKOFF,
  /** Park {@link #PARK_MICROS} between looks: the least CPU, tens of microseconds of latency. */
  PARK;

  static final long SPINS = 1000;
  static final long YIELDS = 100;
  static final long MIN_PARK_MICROS = 1;
  static final long MAX_PARK_MICROS = 200;
  static final long PARK_MICROS = 50;

  /** A new idle strategy of this kind; each waiting thread needs its own (they keep state). */
  public IdleStrategy newIdleStrategy() {
    switch (this) {
      case SPIN:
        return new BackoffIdleStrategy(SPINS, /* maxYields= */ Long.MAX_VALUE, TimeUnit.MICROSECONDS.toNanos(
            MIN_PARK_MICROS), TimeUnit.MICROSECONDS.toNanos(MAX_PARK_MICROS));
      case BACKOFF:
        return new BackoffIdleStrategy(SPINS, YIELDS, TimeUnit.MICROSECONDS.toNanos(MIN_PARK_MICROS),
            TimeUnit.MICROSECONDS.toNanos(MAX_PARK_MICROS));
      case PARK:
        return new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(PARK_MICROS));
      default:
        throw new AssertionError(this);
    }
  }

  /** The name on the command line: {@code spin}, {@code backoff} or {@code park}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a command-line name, naming the choices when it is none of them. */
  public static ShmWait parse(String name) {
    for (ShmWait wait : values()) {
      if (wait.cliName().equals(name)) {
        return wait;
      }
    }
    throw new IllegalArgumentException("unknown shm wait '" + name + "' (expected spin, backoff or park)");
  }
}
