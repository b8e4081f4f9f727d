package io.procpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.task.TaskRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Virtual-thread mode on whatever JVM runs the tests: it works on 21+ and is refused with the
 * version it needs before that. VirtualThreadModeIT runs it on a newer JDK when one is installed.
 */
final class VirtualThreadPoolTest {
  private static final TaskRegistry REGISTRY = TaskRegistry.load(VirtualThreadPoolTest.class.getClassLoader());

  @Test
  void virtualThreads_onThisJvm_runOnTwentyOneOrRefuseNamingTheVersion() {
    if (Runtime.version().feature() < VirtualThreads.JAVA_VERSION_NEEDED) {
      UnsupportedOperationException refused =
          assertThrows(UnsupportedOperationException.class, () -> TaskPool.virtualThreads(REGISTRY, 2));
      assertTrue(refused.getMessage().contains("needs Java 21 or newer"), refused.getMessage());
      assertTrue(refused.getMessage().contains(System.getProperty("java.version")), refused.getMessage());
      return;
    }
    List<Execution> executions = new ArrayList<>();
    try (TaskPool pool = TaskPool.virtualThreads(REGISTRY, 3)) {
      for (CompletableFuture<Execution> future : pool.executeAll("sleep", Collections.nCopies(6, 200L), 1)) {
        executions.add(future.join());
      }
    }
    assertEquals(6, executions.stream().map(Execution::thread).distinct().count(), "one virtual thread per task");
    assertTrue(GilThreadPoolTest.maxOverlap(executions) <= 3, "at most --workers at once");
  }
}
