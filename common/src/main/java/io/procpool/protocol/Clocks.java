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
}
