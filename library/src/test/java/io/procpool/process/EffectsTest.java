package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

final class EffectsTest {
  private final StderrLines log = new StderrLines();

  @Test
  void run_futureCompletedTwice_keepsFirstAndReportsSecond() {
    CompletableFuture<Execution> future = new CompletableFuture<>();
    Execution first = execution(1L);
    Effects effects = new Effects(log);
    effects.complete(future, first);
    effects.complete(future, execution(2L));

    effects.run(/* own= */ null);

    assertSame(first, future.join());
    assertEquals(1, log.count("already completed"));
  }

  @Test
  void run_futureCancelledByCaller_completesQuietly() {
    CompletableFuture<Execution> future = new CompletableFuture<>();
    future.cancel(false);
    Effects effects = new Effects(log);
    effects.complete(future, execution(1L));

    effects.run(/* own= */ null);

    assertTrue(future.isCancelled());
    assertEquals(0, log.count("already completed"));
  }

  private static Execution execution(Object value) {
    return new Execution(value, null, 1, "main", "w1", 0, 0, 0, 1);
  }
}
