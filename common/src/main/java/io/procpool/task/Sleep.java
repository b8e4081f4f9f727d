package io.procpool.task;

/** Waits without using the CPU, as I/O-bound work does. */
public final class Sleep implements Task {
  @Override
  public String name() {
    return "sleep";
  }

  @Override
  public String description() {
    return "sleeps n milliseconds (I/O-bound contrast); returns n";
  }

  @Override
  public Object run(Object argument) throws InterruptedException {
    long millis = Arguments.asLong(argument, name());
    // A blocking call: in gil-thread mode other tasks run meanwhile, as in CPython.
    Blocking.run(() -> Thread.sleep(Math.max(0, millis)));
    return millis;
  }

  /** {@inheritDoc} Default: a tenth of a second. */
  @Override
  public long defaultSize() {
    return 100;
  }
}
