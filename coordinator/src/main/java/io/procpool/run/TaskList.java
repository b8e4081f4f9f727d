package io.procpool.run;

import java.util.List;

/**
 * What a {@link Runner} runs: one task (as the pool names it) over a list of arguments, made a
 * chunk at a time. A built-in workload's list ({@link Workload}) or a user's calls read from
 * JSON lines.
 */
public interface TaskList {
  /** The task as the pool knows it. */
  String task();

  /** The name reports give it: the task, or the user's method. */
  default String name() {
    return task();
  }

  /** "N noop tasks (size 1)", "com.example.Primes::countPrimes on N calls": for a run's first line. */
  String describe();

  int count();

  /** Task {@code index}'s size, for its record (0 where the list has no sizes). */
  long size(int index);

  /** The arguments of tasks {@code from} (inclusive) to {@code to} (exclusive). */
  List<Object> arguments(int from, int to);

  /** A task's returned value as its record keeps it. */
  default Object recordValue(Object value) {
    return value;
  }
}
