package io.procpool.task;

/** Returns its argument untouched: what is left is the pure cost of getting it there and back. */
public final class Noop implements Task {
  @Override
  public String name() {
    return "noop";
  }

  @Override
  public String description() {
    return "returns its argument (pure dispatch and IPC cost)";
  }

  @Override
  public Object run(Object argument) {
    return argument;
  }
}
