package io.procpool.process;

import static io.procpool.process.PoolFixture.runs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.process.Lifecycle.Ending;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every deadline on a fake clock. */
final class SupervisorTest {
  private final PoolFixture pool = new PoolFixture(0, 64, Duration.ofSeconds(1), Duration.ofMillis(500));

  @Test
  void due_silentWorkerPastStartTimeout_evenWhenAskedToClose() {
    Worker silent = pool.launched();
    silent.lifecycle.end(Ending.CLOSED); // closing the input of a process that never reads it ends nothing

    pool.nanos.addAndGet(Duration.ofMillis(999).toNanos());
    assertEquals(List.of(), pool.core.supervisor.due(pool.core.workers));
    pool.nanos.addAndGet(Duration.ofMillis(2).toNanos());

    List<Supervisor.Overdue> due = pool.core.supervisor.due(pool.core.workers);
    assertEquals(1, due.size());
    assertTrue(due.get(0).why().contains("sent no hello within 1000 ms"), due.get(0).why());
  }

  @Test
  void tick_requestRunningPastTimeoutTimesItsArguments_killsWithTimeout() {
    Worker busy = pool.ready();
    pool.submit(1L, 2L);
    assertEquals(1, runs(busy).size());

    pool.nanos.addAndGet(Duration.ofMillis(999).toNanos());
    pool.decide(pool.core::onTick);
    assertEquals(Ending.NONE, busy.lifecycle.ending(), "two arguments have twice the time");
    pool.nanos.addAndGet(Duration.ofMillis(2).toNanos());
    pool.decide(pool.core::onTick);

    assertEquals(Ending.TIMEOUT, busy.lifecycle.ending());
    assertTrue(busy.killed);
    assertEquals(1, pool.stderr.count("task exceeded the timeout of 500 ms; killing it"));
  }

  @Test
  void tick_afterAKill_doesNotKillAgain() {
    pool.launched();
    pool.nanos.addAndGet(Duration.ofSeconds(2).toNanos());

    pool.decide(pool.core::onTick);
    pool.decide(pool.core::onTick);

    assertEquals(1, pool.stderr.count("sent no hello"), pool.stderr.dump());
  }
}
