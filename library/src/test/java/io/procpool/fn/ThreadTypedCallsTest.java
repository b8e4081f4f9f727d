package io.procpool.fn;

import io.procpool.Pools;
import io.procpool.pool.TaskPool;
import org.junit.jupiter.api.AfterAll;

/** Typed calls on a thread pool. */
final class ThreadTypedCallsTest extends TypedCallContract {
  private static final TaskPool POOL = Pools.threads(2);

  @Override
  TaskPool pool() {
    return POOL;
  }

  @AfterAll
  static void close() {
    POOL.close();
  }
}
