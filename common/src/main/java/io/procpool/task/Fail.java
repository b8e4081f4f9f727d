package io.procpool.task;

/** Always throws, to show how a task's exception travels back to the caller. */
public final class Fail implements Task {
  /** The start of every message this task throws, so tests and users can recognise it. */
  public static final String MESSAGE_PREFIX = "procpool fail task: deliberate failure";

  @Override
  public String name() {
    return "fail";
  }

  @Override
  public String description() {
    return "always throws IllegalStateException (the error path)";
  }

  @Override
  public Object run(Object argument) {
    throw new IllegalStateException(MESSAGE_PREFIX + " for argument " + argument);
  }
}
