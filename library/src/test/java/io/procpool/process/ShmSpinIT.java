package io.procpool.process;

import static io.procpool.process.Processes.report;
import static io.procpool.process.Processes.running;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.Transport;
import io.procpool.shm.ShmWait;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code shm} with {@code --shm-wait spin}, with real worker JVMs: the worker serves on one thread
 * and the pool's waiting callers read the answers themselves, and still nothing is lost: both
 * rings overfull at once, a worker killed with {@code kill -9} while its caller spins, a timeout.
 */
@ExtendWith(PoolInvariants.class)
final class ShmSpinIT {
  private final StderrLines log = new StderrLines();

  private ProcessPoolOptions.Builder options() {
    return ProcessPoolOptions.builder().workers(1).transport(Transport.SHM).shmWait(ShmWait.SPIN).stderr(log);
  }

  @Test
  void roundTrips_oneInFlight_eachAnsweredToItsCaller() {
    try (ProcessPool pool = PoolInvariants.start(options().build())) {
      for (long i = 0; i < 2000; i++) {
        CompletableFuture<Execution> future = pool.execute("noop", i);
        assertInstanceOf(SpinningFuture.class, future, "a spinning pool's caller does not park");
        assertEquals(i, future.join().value());
      }
    }
  }

  @Test
  void echoesOf64KiB_fourMiBInFlightEachWay_allAnsweredInOrder() throws Exception {
    // 64 requests of 64 KiB in flight: four times what either 1 MiB ring holds, so the worker
    // must read requests ahead while its answers wait for room, or both sides would wait forever.
    String value = "v".repeat(64 << 10);
    try (ProcessPool pool = PoolInvariants.start(options().maxInFlight(64).build())) {
      List<CompletableFuture<Execution>> futures = pool.executeAll("echo", Collections.nCopies(256, value), 1);
      try {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      } catch (TimeoutException stalled) {
        pool.kill(); // or the pool's close would wait for the stalled worker forever
        fail("both rings full and neither side reading");
      }
      for (CompletableFuture<Execution> future : futures) {
        assertEquals(value, future.join().value());
      }
    }
  }

  @Test
  void workerKilledWithSigkillWhileItsCallerSpins_isNoticedAtOnceAndItsTaskRetried() throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options().retries(1).build())) {
      long victim = pool.pids().get(0);
      CompletableFuture<Execution> task = pool.execute("sleep", 800L);
      CompletableFuture<Execution> waited = CompletableFuture.supplyAsync(task::join); // a caller spinning in join

      long killedAt = System.nanoTime();
      Processes.signal("KILL", victim);
      await().atMost(Duration.ofSeconds(10)).until(() -> log.first("was killed by signal 9", killedAt).isPresent());
      double noticedMillis = (log.first("was killed by signal 9", killedAt).orElseThrow().nanos() - killedAt) / 1e6;

      Execution retried = waited.get(30, TimeUnit.SECONDS);
      assertEquals(800L, retried.value());
      assertNotEquals(victim, retried.pid(), "retried on a fresh worker");
      assertFalse(running(victim));
      report("shm spin: worker killed with SIGKILL noticed after %.0f ms, its task retried on pid %d", noticedMillis,
          retried.pid());
    }
  }

  @Test
  void taskPastTimeout_killsItsWorkerAndThePoolCarriesOn() throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options().timeout(Duration.ofMillis(300)).build())) {
      long first = pool.pids().get(0);

      Execution late = pool.execute("sleep", 30_000L).get(20, TimeUnit.SECONDS);

      assertEquals(FailureKind.TIMEOUT, late.failure().kind(), late.toString());
      await().atMost(Duration.ofSeconds(5)).until(() -> !running(first));
      assertEquals(4L, pool.submit("noop", 4L).get(20, TimeUnit.SECONDS));
      assertTrue(log.count("exceeded the timeout") >= 1, log.dump());
    }
  }
}
