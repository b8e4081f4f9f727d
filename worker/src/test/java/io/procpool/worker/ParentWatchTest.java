package io.procpool.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class ParentWatchTest {
  private static final ProcessHandle ALIVE = ProcessHandle.current();

  @Test
  void gone_parentAliveAndStillParent_isFalse() {
    ParentWatch watch = new ParentWatch(ALIVE, ALIVE::pid, null);

    assertFalse(watch.gone());
  }

  @Test
  void gone_reparentedWhileOldParentNotYetReaped_isTrue() {
    // A killed parent stays "alive" as a zombie until reaped; the re-parenting shows at once.
    ParentWatch watch = new ParentWatch(ALIVE, () -> 1L, null);

    assertTrue(watch.gone());
  }

  @Test
  void gone_parentExited_isTrue() throws IOException, InterruptedException {
    Process exited = new ProcessBuilder("true").start();
    ProcessHandle handle = exited.toHandle();
    exited.waitFor();

    assertTrue(new ParentWatch(handle, handle::pid, null).gone());
  }

  @Test
  void gone_coordinatorBehindWrapperExited_isTrue() {
    ParentWatch watch = new ParentWatch(ALIVE, ALIVE::pid, () -> false);

    assertTrue(watch.gone());
  }

  @Test
  void startPolling_parentLeavesLater_haltsWithinAFewPolls() throws InterruptedException {
    AtomicLong parentPid = new AtomicLong(ALIVE.pid());
    ParentWatch watch = new ParentWatch(ALIVE, parentPid::get, null);
    CountDownLatch halted = new CountDownLatch(1);
    watch.startPolling(halted::countDown);

    assertFalse(halted.await(ParentWatch.POLL_MILLIS + 50, TimeUnit.MILLISECONDS));
    long leftAt = System.nanoTime();
    parentPid.set(1L);

    assertTrue(halted.await(2, TimeUnit.SECONDS));
    long millis = (System.nanoTime() - leftAt) / 1_000_000;
    assertTrue(millis <= 2 * ParentWatch.POLL_MILLIS, "halted after " + millis + " ms");
  }
}
