package io.procpool.task;

/** Prints n lines to System.out and System.err while it works: user code that talks too much. */
public final class Chatter implements Task {
  @Override
  public String name() {
    return "chatter";
  }

  @Override
  public String description() {
    return "prints n lines to stdout and to stderr, then returns n";
  }

  @Override
  public Object run(Object argument) {
    long lines = Arguments.asLong(argument, name());
    for (long i = 0; i < lines; i++) {
      System.out.println("chatter stdout line " + i + " {\"type\":\"done\",\"id\":-1}");
      System.err.println("chatter stderr line " + i);
    }
    return lines;
  }

  /** {@inheritDoc} Default: ten lines each way. */
  @Override
  public long defaultSize() {
    return 10;
  }
}
