package io.procpool.pool;

/** Work was submitted to a pool that has been shut down (Python's "cannot schedule new futures after shutdown"). */
public final class PoolClosedException extends IllegalStateException {
  public PoolClosedException(Mode mode) {
    super("cannot submit to the " + mode + " pool: it has been shut down");
  }
}
