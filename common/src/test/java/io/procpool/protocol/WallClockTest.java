package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class WallClockTest {
  @Test
  void epochMicrosAt_now_isTheWallClockWithinAFewMilliseconds() {
    WallClock clock = new WallClock();

    long mapped = clock.epochMicrosAt(System.nanoTime());
    long wall = Clocks.epochMicros();

    assertTrue(Math.abs(wall - mapped) < 5_000, "mapped " + mapped + ", wall clock " + wall);
  }

  @Test
  void epochMicrosAt_readingsInOrder_neverGoBackwardsSoBackToBackTasksNeverOverlap() {
    WallClock clock = new WallClock();
    long previousEnd = Long.MIN_VALUE;
    long nanos = System.nanoTime();
    for (int task = 0; task < 10_000; task++) {
      long start = nanos;
      nanos += 1 + (task * 7919L) % 5_000; // tasks of 1 ns to 5 µs, back to back
      long startedAt = clock.epochMicrosAt(start);
      long micros = (nanos - start) / 1000;
      assertTrue(startedAt >= previousEnd, "task " + task + " starts before the one before it ended");
      previousEnd = startedAt + micros;
      assertTrue(previousEnd <= clock.epochMicrosAt(nanos), "a task's end is not after the next start");
    }
  }

  @Test
  void epochMicrosAt_sameReading_sameAnswerUntilTheOffsetIsReadAgain() {
    WallClock clock = new WallClock();
    long nanos = System.nanoTime();

    assertEquals(clock.epochMicrosAt(nanos), clock.epochMicrosAt(nanos));
    long later = nanos + 2 * WallClock.REREAD_NANOS;
    long mapped = clock.epochMicrosAt(later);
    assertTrue(Math.abs(mapped - (clock.epochMicrosAt(nanos) + 2 * WallClock.REREAD_NANOS / 1000)) < 5_000,
        "two seconds on the monotonic clock are about two seconds on the wall clock");
  }
}
