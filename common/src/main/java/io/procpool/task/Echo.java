package io.procpool.task;

/** Returns its argument; {@code --size N} makes it a string of N bytes, to measure payload cost. */
public final class Echo implements Task {
  @Override
  public String name() {
    return "echo";
  }

  @Override
  public String description() {
    return "returns its argument; --size N sends a string of N bytes";
  }

  @Override
  public Object run(Object argument) {
    return argument;
  }

  @Override
  public Object argumentForSize(long size) {
    return "x".repeat(Math.toIntExact(size));
  }

  /** {@inheritDoc} Default: a 1 KiB string. */
  @Override
  public long defaultSize() {
    return 1024;
  }
}
