package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A spinning pool's future: its waiting caller reads the answers itself and never parks. */
final class SpinningFutureTest {
  private static final Duration LIMIT = Duration.ofSeconds(10);

  @Test
  void join_answerReadByTheWaitingCaller_returnsItsValue() {
    AtomicInteger looks = new AtomicInteger();
    AtomicReference<SpinningFuture<String>> future = new AtomicReference<>();
    AtomicReference<String> readBy = new AtomicReference<>();
    future.set(new SpinningFuture<>(() -> {
      if (looks.incrementAndGet() < 3) {
        return false; // nothing has arrived yet
      }
      readBy.set(Thread.currentThread().getName());
      future.get().complete("answer"); // what a connection's listener does with the answer it read
      return true;
    }));

    AtomicReference<String> waitedBy = new AtomicReference<>();
    String value = assertTimeoutPreemptively(LIMIT, () -> {
      waitedBy.set(Thread.currentThread().getName());
      return future.get().join();
    });

    assertEquals("answer", value);
    assertEquals(waitedBy.get(), readBy.get(), "read on the waiting thread");
  }

  @Test
  void get_completedByAnotherThreadWhileSpinning_returnsIt() throws Exception {
    SpinningFuture<Long> future = new SpinningFuture<>(() -> false);
    CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS).execute(() -> future.complete(7L));
    assertEquals(7L, assertTimeoutPreemptively(LIMIT, () -> future.get()));
  }

  @Test
  void get_withTimeoutNeverAnswered_timesOut() {
    SpinningFuture<Long> future = new SpinningFuture<>(() -> false);
    assertTimeoutPreemptively(LIMIT,
        () -> assertThrows(TimeoutException.class, () -> future.get(30, TimeUnit.MILLISECONDS)));
  }

  @Test
  void get_interrupted_throwsAndClearsTheInterrupt() {
    SpinningFuture<Long> future = new SpinningFuture<>(() -> false);
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, future::get);
    assertFalse(Thread.interrupted(), "cleared, as an InterruptedException does");
  }
}
