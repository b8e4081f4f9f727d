package io.procpool.process;

import io.procpool.protocol.Hello;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The pool's record of one worker: its lifecycle, the requests it holds and what the pool has
 * learnt of it. Its process and connection arrive once it is launched. Every field is guarded
 * by the pool's lock, except the final ones.
 */
final class Worker {
  final String id;
  final Lifecycle lifecycle = new Lifecycle();
  /** Requests sent and not yet answered, oldest (the running one) first. */
  final Deque<Chunk> inFlight = new ArrayDeque<>();
  /** How many of them it may hold now. */
  final InFlightLimit inFlightLimit = new InFlightLimit();
  /** Null until launched; then the process, or null for a worker that is not a process (tests). */
  WorkerProcess process;
  Connection connection;
  /** Pool clock (nanoseconds) when it was launched, for the start timeout. */
  long launchedAt;
  /** The handshake; null until it arrives. */
  Hello hello;
  /** Coordinator clock (epoch µs) when the hello arrived. */
  long readyAt;
  /** Tasks (not requests) sent so far, for max-tasks-per-worker. */
  int tasksSent;
  /** Whether it was sent its share of tasks (max-tasks-per-worker) and retires for that. */
  boolean quotaSpent;
  /** Pool clock since when the head of {@link #inFlight} has been running, at the latest. */
  long headSince;
  /** Whether it ever answered a request correctly: proof that the command works. */
  boolean proven;
  /** Non-protocol lines seen before the hello. */
  int noiseLines;
  /**
   * Its first protocol violation (or the request it rejected), with the worker, pid and line
   * named; from then on nothing it sends is taken. Null while it keeps to the protocol.
   */
  String violation;
  /** Pool clock after which it is killed (it announced its exit and has not); 0 for never. */
  long killAt;
  /** Whether a kill was ordered already. */
  boolean killed;
  /** Whether its death was counted against the command already. */
  boolean countedAsFailedStart;

  Worker(String id) {
    this.id = id;
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  /** "worker w1 (pid 123)", for messages. */
  String describe() {
    return "worker " + id + " (pid " + pid() + ")";
  }

  /** How many requests it accepts now, within the pool's maximum and its own. */
  int capacity(int maxInFlight) {
    return Math.min(inFlightLimit.current(maxInFlight), hello.inFlight());
  }
}
