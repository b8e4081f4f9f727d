package io.procpool.run;

import static java.util.Objects.requireNonNull;

import io.procpool.task.Task;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * A task list: one task and one size per task. With a spread F each size is drawn uniformly
 * from {@code [N(1-F), N(1+F)]} by a generator seeded with the given seed, so the same options
 * always give the same list. Nothing is stored per task: task {@code i}'s size is computed from
 * the seed and {@code i} when asked for, so any count a run can stream (up to
 * {@link Integer#MAX_VALUE}) costs no memory, and every pass over the list sees the same sizes.
 */
public final class Workload implements TaskList {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private final Task task;
  private final int count;
  private final long size;
  private final double spread;
  private final long seed;

  private Workload(Task task, int count, long size, double spread, long seed) {
    this.task = requireNonNull(task);
    this.count = count;
    this.size = size;
    this.spread = spread;
    this.seed = seed;
  }

  /**
   * @throws IllegalArgumentException when the task cannot take a size of the list, or its
   *     argument does not fit in this JVM's heap (both found now, not in a worker)
   */
  public static Workload generate(Task task, int count, long size, double spread, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("a task list cannot have " + count + " tasks");
    }
    Workload workload = new Workload(task, count, size, spread, seed);
    if (count > 0) {
      try {
        task.argumentForSize(workload.maxSize());
      } catch (OutOfMemoryError e) {
        throw new IllegalArgumentException("the " + task.name() + " argument of size " + workload.maxSize()
            + " does not fit in the coordinator's heap (" + (Runtime.getRuntime().maxMemory() >> 20)
            + " MB; more with java -Xmx...)");
      }
      refuseWhatCannotFit(task, workload.maxSize(), Runtime.getRuntime().maxMemory());
    }
    return workload;
  }

  /**
   * A run holds an argument, its value and their encoded lines at once, so payloads of more than
   * a quarter of the heap end in an OutOfMemoryError mid-run: refuse them before any work.
   */
  static void refuseWhatCannotFit(Task task, long size, long maxHeapBytes) {
    long needed = 2 * task.payloadBytes(size);
    if (needed > maxHeapBytes / 2) {
      throw new IllegalArgumentException("the " + task.name() + " task of size " + size + " needs about "
          + (needed >> 20) + " MB of the coordinator's heap at once, more than half of its "
          + (maxHeapBytes >> 20) + " MB (more with java -Xmx...)");
    }
  }

  /** The task's name. */
  @Override
  public String task() {
    return task.name();
  }

  @Override
  public String describe() {
    return count + " " + task() + " tasks (" + sizeLabel() + ")";
  }

  @Override
  public int count() {
    return count;
  }

  /** Task {@code index}'s size: the same on every call, drawn from the seed and the index alone. */
  @Override
  public long size(int index) {
    if (spread == 0) {
      return size;
    }
    double uniform = (mix(seed + (index + 1L) * GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
    return drawn(uniform);
  }

  /**
   * The size for a uniform draw in [0, 1), kept within {@link #maxSize()}: the size that
   * {@link #generate} checked against the task's limit and the heap, so no task may be larger
   * whatever the floating-point rounding.
   */
  long drawn(double uniform) {
    return Math.min(maxSize(), Math.max(minSize(), Math.round(size * (1 - spread + 2 * spread * uniform))));
  }

  /** SplitMix64's finalizer: a well-mixed 64-bit value for each input. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Sizes in task order (a read-only view). */
  public List<Long> sizes() {
    return new AbstractList<>() {
      @Override
      public Long get(int index) {
        return Workload.this.size(index);
      }

      @Override
      public int size() {
        return count;
      }
    };
  }

  /** The arguments of tasks {@code from} (inclusive) to {@code to} (exclusive), made from their sizes. */
  @Override
  public List<Object> arguments(int from, int to) {
    Object[] arguments = new Object[to - from];
    for (int i = from; i < to; i++) {
      arguments[i - from] = task.argumentForSize(size(i));
    }
    return Arrays.asList(arguments);
  }

  /** All arguments (made now): for small lists and tests. */
  public List<Object> arguments() {
    return arguments(0, count);
  }

  /** The list's first {@code n} tasks. */
  public Workload first(int n) {
    return new Workload(task, Math.min(n, count), size, spread, seed);
  }

  /** "size N" for a uniform list, "sizes MIN..MAX" (the range they are drawn from) otherwise. */
  public String sizeLabel() {
    return spread == 0 || count == 0 ? "size " + size : "sizes " + minSize() + ".." + maxSize();
  }

  private long minSize() {
    return spread == 0 ? size : Math.round(size * (1 - spread));
  }

  /** The largest size of the list: the one {@link #generate} checks. */
  long maxSize() {
    return spread == 0 ? size : Math.round(size * (1 + spread));
  }
}
