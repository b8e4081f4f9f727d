package io.procpool.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Chunks whose every task is done, handed from the pool's threads to the run's one thread. The
 * run's thread says how many it waits for, and is woken once that many are there, not once per
 * chunk: at chunksize 1 a wake-up per task cost more than the task's round trip.
 */
final class DoneChunks<T> {
  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  /** About how many are queued: raised after each add, lowered by what {@link #await} takes. */
  private final AtomicInteger queued = new AtomicInteger();
  private volatile int wakeAt = 1;
  private volatile Thread waiter;
  /** Set while the waiter is parked or about to be; an adder that sees it wakes the waiter. */
  private volatile boolean parked;
  private volatile boolean wakeUp;

  /** From any thread. */
  void add(T item) {
    queue.add(item);
    if (queued.incrementAndGet() >= wakeAt && parked) {
      LockSupport.unpark(waiter);
    }
  }

  /** Ends the current or next {@link #await} even if too few are there (a stop's report is made). */
  void wakeUp() {
    wakeUp = true;
    LockSupport.unpark(waiter);
  }

  /**
   * Waits until at least {@code count} are queued (or {@link #wakeUp}), then takes all queued.
   *
   * @throws InterruptedException when interrupted; what is queued stays queued
   */
  List<T> await(int count) throws InterruptedException {
    waiter = Thread.currentThread();
    wakeAt = count;
    // Dekker-style with the adder: it raises queued then reads parked, this sets parked then
    // reads queued, so one of the two sees the other and no wake-up is lost.
    while (queued.get() < count && !wakeUp) {
      parked = true;
      if (queued.get() < count && !wakeUp) {
        LockSupport.park(this);
      }
      parked = false;
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    return takeAll();
  }

  /** What is queued now, without waiting. */
  List<T> takeAll() {
    List<T> taken = new ArrayList<>();
    for (T item = queue.poll(); item != null; item = queue.poll()) {
      taken.add(item);
    }
    queued.addAndGet(-taken.size());
    return taken;
  }
}
