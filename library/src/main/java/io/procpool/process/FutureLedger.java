package io.procpool.process;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the task futures a pool handed out and how they ended, so that "every future
 * completes exactly once" can be checked rather than believed ({@link ProcessPool#audit}).
 */
final class FutureLedger {
  private final LongAdder issued = new LongAdder();
  private final LongAdder ended = new LongAdder();
  private final LongAdder endedTwice = new LongAdder();

  void issued(int futures) {
    issued.add(futures);
  }

  void ended() {
    ended.increment();
  }

  void ended(int futures) {
    ended.add(futures);
  }

  /** An ending counted by {@link #ended} was a second one. */
  void endedTwice() {
    ended.decrement();
    endedTwice.increment();
  }

  /** What is wrong with the count, or null when every future issued ended, once. */
  String problem() {
    long out = issued.sum();
    long done = ended.sum();
    long twice = endedTwice.sum();
    if (out == done && twice == 0) {
      return null;
    }
    return out + " futures issued, " + done + " ended, " + twice + " ended a second time";
  }
}
