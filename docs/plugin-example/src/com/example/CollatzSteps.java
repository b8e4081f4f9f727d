package com.example;

import io.procpool.task.Task;

/** A user-written procpool task: how many Collatz steps it takes to get from n down to 1. */
public final class CollatzSteps implements Task {
  @Override
  public String name() {
    return "collatz-steps";
  }

  @Override
  public String description() {
    return "steps of the Collatz map from n down to 1";
  }

  @Override
  public Object run(Object argument) {
    long n = ((Number) argument).longValue();
    if (n < 1) {
      throw new IllegalArgumentException("collatz-steps needs n >= 1, got " + n);
    }
    long steps = 0;
    while (n != 1) {
      n = (n % 2 == 0) ? n / 2 : 3 * n + 1;
      steps++;
    }
    return steps;
  }

  @Override
  public long defaultSize() {
    return 27;
  }
}
