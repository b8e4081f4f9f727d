package io.procpool.pool;

import java.time.Instant;

/** Wall-clock microseconds, comparable with the workers' timestamps on the same machine. */
public final class Clocks {
  private Clocks() {}

  public static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
