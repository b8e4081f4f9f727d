package io.procpool.fn;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.procpool.Pools;
import io.procpool.fn.Fns.Range;
import io.procpool.pool.TaskPool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed calls on a thread pool. */
final class ThreadTypedCallsTest extends TypedCallContract {
  private static final TaskPool POOL = Pools.threads(2);

  @Override
  TaskPool pool() {
    return POOL;
  }

  @Test
  void submitAndMap_inThisJvm_callTheFunctionOnTheCallersOwnObjects() throws Exception {
    Range range = new Range(1, 10);

    assertSame(range, get(pool().submit(Fns::identity, range)));
    assertSame(range, pool().map(Fns::<Range>identity, List.of(range), 1).toList().get(0));
  }

  @Test
  void submit_cancelledWhileWaitingForTheThread_neverRuns(@TempDir Path dir) throws Exception {
    try (TaskPool oneThread = Pools.threads(1)) {
      cancelWaitingCall_neverRuns(oneThread, dir);
    }
  }

  @AfterAll
  static void close() {
    POOL.close();
  }
}
