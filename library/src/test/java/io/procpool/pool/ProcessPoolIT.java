package io.procpool.pool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.process.PoolInvariants;
import io.procpool.process.ProcessPool;
import io.procpool.task.CpuHeavy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The spine's process pool against real worker JVMs. */
@ExtendWith(PoolInvariants.class)
final class ProcessPoolIT {

  @Test
  void failingTask_yieldsErrorWhileOthersComplete() {
    List<CompletableFuture<Execution>> futures = new ArrayList<>();
    List<Long> pids;
    try (ProcessPool pool = PoolInvariants.start(ProcessPoolOptions.builder().workers(2).build())) {
      pids = pool.pids();
      futures.add(pool.execute("cpu-heavy", 1000L));
      futures.add(pool.execute("fail", 1L));
      futures.add(pool.execute("cpu-heavy", 2000L));
      futures.forEach(CompletableFuture::join);
    }

    assertEquals(CpuHeavy.xorshift(1000), futures.get(0).join().value());
    assertEquals(CpuHeavy.xorshift(2000), futures.get(2).join().value());
    Execution failed = futures.get(1).join();
    assertTrue(failed.failed());
    assertEquals(FailureKind.TASK_ERROR, failed.failure().kind());
    assertTrue(pids.contains(failed.pid()));
    for (long pid : pids) {
      await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
    assertFalse(pids.isEmpty());
  }
}
