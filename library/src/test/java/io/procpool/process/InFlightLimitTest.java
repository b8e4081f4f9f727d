package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procpool.protocol.Done;
import io.procpool.protocol.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

final class InFlightLimitTest {

  @Test
  void startsAtTwoUntilTheFirstAnswer() {
    assertEquals(2, new InFlightLimit().current(64));
    assertEquals(1, new InFlightLimit().current(1));
  }

  @Test
  void shortTasks_fillUpToTheMaximum() {
    InFlightLimit limit = new InFlightLimit();
    limit.observe(done(0));

    assertEquals(64, limit.current(64));
  }

  @Test
  void longTasks_keepOneQueued() {
    InFlightLimit limit = new InFlightLimit();
    limit.observe(done(1_000_000));

    assertEquals(2, limit.current(64));
  }

  @Test
  void mediumTasks_keepAboutAMillisecondQueued() {
    InFlightLimit limit = new InFlightLimit();
    limit.observe(done(100));

    assertEquals(11, limit.current(64));
  }

  private static Done done(long micros) {
    return new Done(1, "main", List.of(Outcome.success(1L, 0, micros)));
  }
}
