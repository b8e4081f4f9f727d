package io.procpool.process;

import io.procpool.protocol.Done;
import io.procpool.protocol.Outcome;

/**
 * How many requests one worker may hold right now. Short tasks need many queued, so the
 * worker never waits for the next one to cross the pipe; long tasks need few, so that work
 * still goes to whichever worker frees up first (dynamic balancing). A worker starts at
 * {@link #START} and, from the time its own answers say its requests take, keeps about
 * {@link #QUEUED_WORK_MICROS} of work queued, never fewer than {@link #START} nor more than
 * the pool's maximum. Pool lock.
 */
final class InFlightLimit {
  /** One running and one queued, until the worker's first answer tells how long work takes. */
  static final int START = 2;
  /** Work to keep queued per worker: far more than a round trip, far less than anyone notices. */
  static final double QUEUED_WORK_MICROS = 1000;
  /** Weight of the newest request in the running average. */
  private static final double WEIGHT = 0.2;

  private double requestMicros = -1;
  private int limit = START;

  /** The current limit, within {@code [1, maximum]}. */
  int current(int maximum) {
    return Math.min(limit, maximum);
  }

  /** Learns from one answer how long this worker's requests take. */
  void observe(Done done) {
    long micros = 0;
    for (Outcome outcome : done.results()) {
      micros += outcome.micros();
    }
    requestMicros = requestMicros < 0 ? micros : requestMicros + WEIGHT * (micros - requestMicros);
    double queued = Math.ceil(QUEUED_WORK_MICROS / Math.max(requestMicros, 1));
    limit = (int) Math.max(START, Math.min(Integer.MAX_VALUE, 1 + queued));
  }
}
