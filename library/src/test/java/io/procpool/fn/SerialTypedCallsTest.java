package io.procpool.fn;

import io.procpool.Pools;
import io.procpool.pool.TaskPool;
import org.junit.jupiter.api.AfterAll;

/** Typed calls on the calling thread. */
final class SerialTypedCallsTest extends TypedCallContract {
  private static final TaskPool POOL = Pools.serial();

  @Override
  TaskPool pool() {
    return POOL;
  }

  @AfterAll
  static void close() {
    POOL.close();
  }
}
