package io.procpool.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A task's future from a pool whose rings are waited on by spinning ({@code --shm-wait spin}):
 * a caller that waits for it keeps looking, yielding the CPU between looks, instead of parking.
 * Waking a parked thread costs tens of microseconds on a virtual machine whose CPUs went idle,
 * which is the whole round trip a spinning pool is there to avoid. Its derived futures wait the
 * ordinary way.
 */
final class SpinningFuture<T> extends CompletableFuture<T> {
  /** Looks before the waiting thread starts yielding between them. */
  private static final int SPINS = 1000;
  private final BooleanSupplier readArrived;

  /** @param readArrived reads the answers that have arrived, on the waiting thread; whether it read any */
  SpinningFuture(BooleanSupplier readArrived) {
    this.readArrived = readArrived;
  }

  @Override
  public T join() {
    awaitDone(Long.MAX_VALUE, /* interruptible= */ false);
    return super.join();
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    if (!awaitDone(Long.MAX_VALUE, /* interruptible= */ true)) {
      throw new InterruptedException();
    }
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    if (!awaitDone(deadline, /* interruptible= */ true)) {
      throw new InterruptedException();
    }
    return super.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /**
   * Spins, then yields, until done or the deadline; false, the interrupt cleared, if
   * interruptible and interrupted meanwhile ({@link #join}, like CompletableFuture's, is not).
   */
  private boolean awaitDone(long deadline, boolean interruptible) {
    for (int looks = 0; !isDone(); looks++) {
      if (readArrived.getAsBoolean()) {
        looks = 0;
        continue;
      }
      if (looks < SPINS) {
        Thread.onSpinWait();
        continue;
      }
      if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) {
        return true; // super.get with no time left reports the timeout
      }
      if (interruptible && Thread.interrupted()) {
        return false;
      }
      Thread.yield();
    }
    return true;
  }
}
