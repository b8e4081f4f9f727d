package io.procpool.task;

/**
 * Halts the worker process at once, as a JVM crash would. Outside a worker it refuses, since
 * halting would take the coordinator down with it.
 */
public final class Crash implements Task {
  /** Set to "true" by the worker's main before any task runs. */
  public static final String WORKER_PROPERTY = "procpool.worker";

  /** The exit status a crashed worker reports. */
  public static final int EXIT_STATUS = 86;

  @Override
  public String name() {
    return "crash";
  }

  @Override
  public String description() {
    return "halts the worker process (exit " + EXIT_STATUS + "); refuses outside a worker";
  }

  @Override
  public Object run(Object argument) {
    if (!Boolean.getBoolean(WORKER_PROPERTY)) {
      throw new IllegalStateException(
          "crash only halts worker processes; here it would halt the coordinator's own JVM");
    }
    System.err.println("crash task: halting this worker with exit status " + EXIT_STATUS);
    System.err.flush();
    Runtime.getRuntime().halt(EXIT_STATUS);
    return null;
  }
}
