package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.process.Lifecycle.Ending;
import io.procpool.process.Lifecycle.State;
import org.junit.jupiter.api.Test;

final class LifecycleTest {
  private final Lifecycle lifecycle = new Lifecycle();

  @Test
  void helloArrived_beforeLaunched_isRefused() {
    assertThrows(IllegalStateException.class, () -> lifecycle.helloArrived(/* initializer= */ false));
  }

  @Test
  void helloArrived_withInitializer_readyOnlyOnceInitialized() {
    lifecycle.launched();
    lifecycle.helloArrived(/* initializer= */ true);
    assertFalse(lifecycle.acceptsWork());
    assertFalse(lifecycle.everReady());

    lifecycle.initialized();

    assertTrue(lifecycle.acceptsWork());
    assertTrue(lifecycle.everReady());
  }

  @Test
  void end_twice_keepsTheFirstReason() {
    lifecycle.launched();
    lifecycle.end(Ending.TIMEOUT);
    lifecycle.end(Ending.CLOSED);

    assertEquals(Ending.TIMEOUT, lifecycle.ending());
    assertEquals(State.RETIRING, lifecycle.state());
  }

  @Test
  void killedByPool_afterAnotherReason_isAKill() {
    lifecycle.launched();
    lifecycle.end(Ending.TIMEOUT);

    lifecycle.killedByPool();

    assertEquals(Ending.KILLED, lifecycle.ending());
  }

  @Test
  void retire_deadWorker_isRefused() {
    lifecycle.launched();
    lifecycle.dead();

    assertThrows(IllegalStateException.class, lifecycle::retire);
    assertThrows(IllegalStateException.class, () -> lifecycle.end(Ending.CLOSED));
  }
}
