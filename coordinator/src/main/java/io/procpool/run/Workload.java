package io.procpool.run;

import io.procpool.task.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A task list: one task name and one size per task. With a spread F each size is drawn
 * uniformly from {@code [N(1-F), N(1+F)]} by a generator seeded with the given seed, so the
 * same options always give the same list.
 *
 * @param task the task's name
 * @param sizes one size per task, in task order
 * @param arguments the argument each task receives, derived from its size by the task
 */
public record Workload(String task, List<Long> sizes, List<Object> arguments) {

  public Workload {
    sizes = List.copyOf(sizes);
    arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
  }

  public static Workload generate(Task task, int count, long size, double spread, long seed) {
    Random random = new Random(seed);
    List<Long> sizes = new ArrayList<>(count);
    List<Object> arguments = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long drawn = spread == 0 ? size : Math.round(size * (1 - spread + 2 * spread * random.nextDouble()));
      sizes.add(drawn);
      arguments.add(task.argumentForSize(drawn));
    }
    return new Workload(task.name(), sizes, arguments);
  }

  public int count() {
    return sizes.size();
  }

  /** "size N" for a uniform list, "sizes MIN..MAX" otherwise. */
  public String sizeLabel() {
    long min = sizes.stream().mapToLong(Long::longValue).min().orElse(0);
    long max = sizes.stream().mapToLong(Long::longValue).max().orElse(0);
    return min == max ? "size " + min : "sizes " + min + ".." + max;
  }
}
