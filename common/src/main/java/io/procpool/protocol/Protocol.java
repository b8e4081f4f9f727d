package io.procpool.protocol;

/** Constants of the wire protocol shared by both ends. */
public final class Protocol {
  /** The protocol version a {@link Hello} announces. */
  public static final int VERSION = 1;

  /** Default upper bound on one line, in bytes: large enough for a 64 MiB payload. */
  public static final int DEFAULT_MAX_LINE_BYTES = 256 << 20;

  /**
   * The deepest nesting of lists and maps a task's argument or result may have. Messages wrap
   * the value in a few levels of their own, and Jackson refuses documents deeper than 1000; a
   * value that contains itself is infinitely deep.
   */
  public static final int MAX_VALUE_DEPTH = 900;

  /** How much of a bad line an error message quotes. */
  public static final int EXCERPT_CHARS = 200;

  /**
   * Environment variable holding the coordinator's pid in every worker it starts, so a worker
   * can exit when the coordinator dies even if a wrapper script stands between them.
   */
  public static final String COORDINATOR_PID_ENV = "PROCPOOL_COORDINATOR_PID";

  /** Exit status of a worker that read a line it could not parse. */
  public static final int EXIT_INVALID_INPUT = 65;

  private Protocol() {}
}
