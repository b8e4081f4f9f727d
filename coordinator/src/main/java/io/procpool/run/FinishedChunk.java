package io.procpool.run;

import io.procpool.pool.Execution;

/**
 * A chunk whose every task is accounted for, kept as its pool gave it (one {@link Execution} per
 * task) until its records are written: no record object per task while the clock runs.
 */
final class FinishedChunk {
  /** The first task's index; the others follow in order. */
  final int first;
  final Execution[] executions;
  /** Completion numbers are {@code completionBase + i + 1}, unless given one by one. */
  private final int completionBase;
  /** Completion numbers one by one (a stopped run's, 0 for a task that never finished); or null. */
  private final int[] completions;

  private FinishedChunk(int first, Execution[] executions, int completionBase, int[] completions) {
    this.first = first;
    this.executions = executions;
    this.completionBase = completionBase;
    this.completions = completions;
  }

  /** A chunk whose tasks completed in task order, numbered after {@code completionBase}. */
  static FinishedChunk inOrder(int first, Execution[] executions, int completionBase) {
    return new FinishedChunk(first, executions, completionBase, null);
  }

  /** A chunk whose completion numbers were given one by one. */
  static FinishedChunk numbered(int first, Execution[] executions, int[] completions) {
    return new FinishedChunk(first, executions, 0, completions);
  }

  int size() {
    return executions.length;
  }

  int completion(int i) {
    return completions == null ? completionBase + i + 1 : completions[i];
  }
}
