package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class StartFailuresTest {

  @Test
  void failed_endsNoticedOutOfLaunchOrder_namesTheEarliestLaunched() {
    StartFailures failures = new StartFailures();

    failures.failed("w2 sent no hello", 2_000);
    failures.failed("w1 sent no hello", 1_000);

    assertEquals("w1 sent no hello", failures.first());
    assertEquals(2, failures.inARow());
  }

  @Test
  void succeeded_thenFailed_startsANewRunWithItsOwnFirstCause() {
    StartFailures failures = new StartFailures();
    failures.failed("old", 1_000);
    failures.succeeded();

    failures.failed("new", 5_000);
    failures.failed("later", 6_000);

    assertEquals("new", failures.first());
    assertFalse(failures.reached(3));
    failures.failed("third");
    assertTrue(failures.reached(3));
  }
}
