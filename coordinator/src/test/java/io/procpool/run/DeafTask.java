package io.procpool.run;

import io.procpool.task.Task;
import java.util.concurrent.CountDownLatch;

/**
 * A task that ignores interrupts until the test releases it: what a stop cannot end, as a user's
 * loop that never checks. Public with a public constructor for the {@link java.util.ServiceLoader}.
 */
public final class DeafTask implements Task {
  static final String NAME = "deaf";
  private static volatile CountDownLatch release = new CountDownLatch(0);
  private static volatile CountDownLatch running = new CountDownLatch(0);

  /** The next run of the task waits for {@link #release}; returns the latch that opens once it runs. */
  static CountDownLatch holdNext() {
    release = new CountDownLatch(1);
    running = new CountDownLatch(1);
    return running;
  }

  static void release() {
    release.countDown();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "waits for the test's release, deaf to interrupts";
  }

  @Override
  public Object run(Object argument) {
    running.countDown();
    while (true) {
      try {
        release.await();
        return argument;
      } catch (InterruptedException deaf) {
        // a stop's interrupt: ignored, as a task that never checks would
      }
    }
  }
}
