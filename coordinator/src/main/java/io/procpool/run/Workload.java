package io.procpool.run;

import static java.util.Objects.requireNonNull;

import io.procpool.task.Task;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A task list: one task and one size per task. With a spread F each size is drawn uniformly
 * from {@code [N(1-F), N(1+F)]} by a generator seeded with the given seed, so the same options
 * always give the same list. Sizes are kept as primitives and arguments made on demand, so a
 * million-task list costs 8 MB, not a million boxed objects.
 */
public final class Workload {
  private final Task task;
  private final long[] sizes;

  private Workload(Task task, long[] sizes) {
    this.task = requireNonNull(task);
    this.sizes = sizes;
  }

  public static Workload generate(Task task, int count, long size, double spread, long seed) {
    Random random = new Random(seed);
    long[] sizes = new long[count];
    for (int i = 0; i < count; i++) {
      sizes[i] = spread == 0 ? size : Math.round(size * (1 - spread + 2 * spread * random.nextDouble()));
    }
    if (count > 0) {
      task.argumentForSize(sizes[0]); // fail now, not in a worker, if the task cannot take this size
    }
    return new Workload(task, sizes);
  }

  /** The task's name. */
  public String task() {
    return task.name();
  }

  public int count() {
    return sizes.length;
  }

  public long size(int index) {
    return sizes[index];
  }

  /** Sizes in task order (a read-only view). */
  public List<Long> sizes() {
    return new AbstractList<>() {
      @Override
      public Long get(int index) {
        return sizes[index];
      }

      @Override
      public int size() {
        return sizes.length;
      }
    };
  }

  /** The arguments of tasks {@code from} (inclusive) to {@code to} (exclusive), made from their sizes. */
  public List<Object> arguments(int from, int to) {
    Object[] arguments = new Object[to - from];
    for (int i = from; i < to; i++) {
      arguments[i - from] = task.argumentForSize(sizes[i]);
    }
    return Arrays.asList(arguments);
  }

  /** All arguments (made now): for small lists and tests. */
  public List<Object> arguments() {
    return arguments(0, sizes.length);
  }

  /** The list's first {@code n} tasks. */
  public Workload first(int n) {
    return new Workload(task, Arrays.copyOf(sizes, Math.min(n, sizes.length)));
  }

  /** "size N" for a uniform list, "sizes MIN..MAX" otherwise. */
  public String sizeLabel() {
    long min = Arrays.stream(sizes).min().orElse(0);
    long max = Arrays.stream(sizes).max().orElse(0);
    return min == max ? "size " + min : "sizes " + min + ".." + max;
  }
}
