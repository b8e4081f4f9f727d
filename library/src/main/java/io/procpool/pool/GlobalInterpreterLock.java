package io.procpool.pool;

import io.procpool.task.Blocking;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An emulation of CPython's global interpreter lock for the {@code gil-thread} mode: a thread
 * must hold it to run task code, so at most one task computes at a time however many threads
 * there are. It is given up only inside {@link Blocking#run} (a sleep), as CPython gives up the
 * real lock around blocking calls. Unlike CPython it is not handed over every few milliseconds
 * (the switch interval) during computation: a CPU-bound task keeps it until it ends, which
 * changes the interleaving but not the total, since either way only one task computes at once.
 */
final class GlobalInterpreterLock implements TaskGate, Blocking.Release {
  /** Fair, so waiting threads take turns in arrival order instead of one thread re-taking it. */
  private final ReentrantLock lock = new ReentrantLock(true);

  @Override
  public void enter() {
    lock.lock();
    Blocking.install(this);
  }

  @Override
  public void exit() {
    Blocking.clear();
    lock.unlock();
  }

  @Override
  public void release() {
    lock.unlock();
  }

  @Override
  public void reacquire() {
    lock.lock();
  }
}
