package io.procpool.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class DoneChunksTest {
  @Test
  void await_fewerThanAskedFor_waitsUntilThatManyAreThere() {
    DoneChunks<Integer> done = new DoneChunks<>();
    CompletableFuture<List<Integer>> taken = CompletableFuture.supplyAsync(() -> awaitQuietly(done, 3));
    done.add(1);
    done.add(2);

    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !taken.isDone());
    done.add(3);

    assertEquals(List.of(1, 2, 3), taken.orTimeout(5, TimeUnit.SECONDS).join());
  }

  @Test
  void await_addsFromManyThreads_loseNoneAndNoWakeUp() throws Exception {
    DoneChunks<Integer> done = new DoneChunks<>();
    int perThread = 20_000;
    AtomicInteger next = new AtomicInteger();
    List<Thread> adders = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thread adder = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          done.add(next.getAndIncrement());
        }
      });
      adders.add(adder);
      adder.start();
    }
    boolean[] seen = new boolean[3 * perThread];
    int taken = 0;
    while (taken < seen.length) {
      for (int item : done.await(Math.min(64, seen.length - taken))) {
        assertFalse(seen[item], "twice: " + item);
        seen[item] = true;
        taken++;
      }
    }
    for (Thread adder : adders) {
      adder.join();
    }
    assertTrue(done.takeAll().isEmpty());
  }

  @Test
  void wakeUp_whileWaiting_endsTheWaitWithWhatIsThere() {
    DoneChunks<Integer> done = new DoneChunks<>();
    done.add(1);
    CompletableFuture<List<Integer>> taken = CompletableFuture.supplyAsync(() -> awaitQuietly(done, 100));

    done.wakeUp();

    assertEquals(List.of(1), taken.orTimeout(5, TimeUnit.SECONDS).join());
  }

  private static List<Integer> awaitQuietly(DoneChunks<Integer> done, int count) {
    try {
      return done.await(count);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
