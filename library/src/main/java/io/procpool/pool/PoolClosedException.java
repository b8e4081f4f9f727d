package io.procpool.pool;

/** Work was submitted to a pool that has been shut down (Python's "cannot schedule new futures after shutdown"). */
public final class PoolClosedException extends IllegalStateException {
  public PoolClosedException(Mode mode) {
    this(mode, "it has been shut down");
  }

  /** @param why what closed it, e.g. {@code the JVM is shutting down} */
  public PoolClosedException(Mode mode, String why) {
    super("cannot submit to the " + mode + " pool: " + why);
  }
}
