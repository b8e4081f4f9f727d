package io.procpool.task;

/**
 * CPU-bound work with a checkable answer: {@code n} steps of a 64-bit xorshift recurrence.
 * The constants are fixed so any language can reproduce the result.
 */
public final class CpuHeavy implements Task {
  /** The recurrence's fixed starting state. */
  public static final long SEED = 88172645463325252L;

  @Override
  public String name() {
    return "cpu-heavy";
  }

  @Override
  public String description() {
    return "n steps of a 64-bit xorshift recurrence; returns the final state";
  }

  @Override
  public Object run(Object argument) {
    return xorshift(Arguments.asLong(argument, name()));
  }

  /** Runs {@code steps} steps from {@link #SEED}; non-positive counts return the seed. */
  public static long xorshift(long steps) {
    long x = SEED;
    for (long i = 0; i < steps; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }

  /** {@inheritDoc} Default: about a second of work on a 2020s core. */
  @Override
  public long defaultSize() {
    return 600_000_000L;
  }
}
