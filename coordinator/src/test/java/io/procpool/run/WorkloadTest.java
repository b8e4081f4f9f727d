package io.procpool.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.task.Echo;
import io.procpool.task.TaskRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class WorkloadTest {
  private static final TaskRegistry TASKS = TaskRegistry.builtIn();

  @Test
  void generate_maxIntTasks_costsNoMemoryAndNoTime() {
    Workload workload = assertTimeoutPreemptively(Duration.ofSeconds(1),
        () -> Workload.generate(TASKS.get("noop"), Integer.MAX_VALUE, 1, 0.5, 7));

    assertEquals(Integer.MAX_VALUE, workload.count());
    assertEquals(workload.size(Integer.MAX_VALUE - 1), workload.size(Integer.MAX_VALUE - 1));
    assertEquals("sizes 1..2", workload.sizeLabel());
  }

  @Test
  void size_withSpread_isTheSameOnEveryPassAndWithinTheRange() {
    Workload workload = Workload.generate(TASKS.get("cpu-heavy"), 1000, 1000, 0.5, 42);
    Set<Long> seen = new HashSet<>();

    for (int i = 0; i < workload.count(); i++) {
      long size = workload.size(i);
      assertTrue(size >= 500 && size <= 1500, "size " + size);
      assertEquals(size, workload.first(1000).size(i));
      seen.add(size);
    }
    assertTrue(seen.size() > 500, "sizes should vary: " + seen.size() + " distinct");
    assertNotEquals(workload.size(0), Workload.generate(TASKS.get("cpu-heavy"), 1, 1000, 0.5, 43).size(0));
  }

  @Test
  void size_echoSpreadUpToItsLimit_neverAboveTheLimitNorTheCheckedMaximum() {
    double spread = 0.5;
    long base = (long) Math.floor(Echo.MAX_SIZE / (1 + spread));
    Workload workload = Workload.generate(new Echo(), Integer.MAX_VALUE, base, spread, 42);

    for (int i = 0; i < 1_000_000; i++) {
      long size = workload.size(i * 2147);
      assertTrue(size <= workload.maxSize() && size <= Echo.MAX_SIZE, "task " + i * 2147 + ": size " + size);
    }
    assertTrue(workload.drawn(Math.nextDown(1.0)) <= Echo.MAX_SIZE);
    for (double each : new double[] {0.1, 0.3, 1 / 3.0, 0.7, 0.999999, 1}) {
      Workload drawnAtTheTop = Workload.generate(TASKS.get("noop"), 1, 999_999_999_999L, each, 1);
      assertTrue(drawnAtTheTop.drawn(Math.nextDown(1.0)) <= drawnAtTheTop.maxSize(), "spread " + each);
    }
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Workload.generate(new Echo(), 8, base + 2, spread, 42));
    assertTrue(refused.getMessage().contains("echo's size is at most " + Echo.MAX_SIZE), refused.getMessage());
  }

  @Test
  void refuseWhatCannotFit_echoOfAQuarterOfTheHeap_isRefusedNamingTheSizes() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Workload.refuseWhatCannotFit(new Echo(), 64L << 20, 64L << 20));
    assertTrue(refused.getMessage().contains("task of size 67108864"), refused.getMessage());
    Workload.refuseWhatCannotFit(new Echo(), 1L << 20, 64L << 20); // 1 MiB fits
  }
}
