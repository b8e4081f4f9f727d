package io.procpool.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procpool.pool.ProcessPoolOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks every pool a test started, after the test: it is shut down and waited for, every
 * future it issued ended exactly once, nothing is left queued, no worker is left in it and
 * none of its processes runs. Tests start pools through {@link #start} and carry
 * {@code @ExtendWith(PoolInvariants.class)}.
 */
public final class PoolInvariants implements AfterEachCallback {
  private static final List<ProcessPool> STARTED = new CopyOnWriteArrayList<>();

  /** {@link ProcessPool#start}, with the pool checked after the test. */
  public static ProcessPool start(ProcessPoolOptions options) {
    ProcessPool pool = ProcessPool.start(options);
    STARTED.add(pool);
    return pool;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      for (ProcessPool pool : STARTED) {
        pool.shutdown(/* wait= */ true, /* cancelPending= */ true);
        assertEquals(List.of(), pool.audit(), "pool invariants");
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.launchedPids().stream().noneMatch(Processes::running));
      }
    } finally {
      STARTED.clear();
    }
  }
}
