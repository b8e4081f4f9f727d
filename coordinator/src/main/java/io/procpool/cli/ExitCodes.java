package io.procpool.cli;

/** The exit statuses of every procpool command. */
public final class ExitCodes {
  /** Every task succeeded. */
  public static final int OK = 0;
  /** At least one task failed (or compare saw modes disagree). */
  public static final int TASKS_FAILED = 1;
  /** The command line was wrong: unknown flag, bad value, unknown mode or workload. */
  public static final int USAGE = 2;
  /** procpool itself failed: a bug, or workers that cannot be started. */
  public static final int INTERNAL_ERROR = 70;

  private ExitCodes() {}
}
