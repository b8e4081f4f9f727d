package io.procpool.cli;

/** The exit statuses of every procpool command. */
public final class ExitCodes {
  /** Every task succeeded. */
  public static final int OK = 0;
  /** At least one task failed (or compare saw modes disagree). */
  public static final int TASKS_FAILED = 1;
  /** The command line was wrong: unknown flag, bad value, unknown mode or workload. */
  public static final int USAGE = 2;
  /**
   * No worker could be started (sysexits' EX_UNAVAILABLE): a worker command that exits, never
   * says hello or breaks the handshake; the message names the first cause.
   */
  public static final int WORKERS_UNAVAILABLE = 69;
  /** procpool itself failed: a bug. */
  public static final int INTERNAL_ERROR = 70;
  /** The work was done but an output file could not be written (sysexits' EX_IOERR). */
  public static final int IO_ERROR = 74;
  /** Stopped by SIGINT (Ctrl-C): 128 + the signal's number, as shells report it. */
  public static final int STOPPED_BY_SIGINT = 130;
  /** Stopped by SIGTERM. */
  public static final int STOPPED_BY_SIGTERM = 143;

  private ExitCodes() {}
}
