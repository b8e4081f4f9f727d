package io.procpool.protocol;

import java.time.Instant;

/**
 * Wall-clock microseconds since the epoch: the clock of the protocol's timestamps ({@code readyAt},
 * {@code startedAt}), read by workers and coordinator alike, so comparable on one machine.
 */
public final class Clocks {
  private Clocks() {}

  public static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /**
   * The wall clock's microseconds at {@code System.nanoTime() == 0}: {@code epochMicros()} read
   * between two {@code nanoTime()} readings, the closest pair of a few tries, so a preemption
   * between the reads does not skew the offset.
   */
  public static long epochMicrosAtZeroNanos() {
    long best = 0;
    long bestGap = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 5 && bestGap > 2_000; attempt++) {
      long before = System.nanoTime();
      long wall = epochMicros();
      long after = System.nanoTime();
      if (after - before < bestGap) {
        bestGap = after - before;
        best = wall - Math.floorDiv(before + (after - before) / 2, 1000);
      }
    }
    return best;
  }
}
