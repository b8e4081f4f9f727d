package io.procpool.process;

import static io.procpool.process.Processes.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A process pool in a JVM that exits while a call runs: what the user's own shutdown hook sees. */
final class ShutdownHookIT {

  @Test
  void jvmExitsWithACallRunning_callInterruptedNotRetriedAndSubmitRefused() throws IOException, InterruptedException {
    Process coordinator = new ProcessBuilder(WorkerCommand.javaExecutable(), "-Xmx128m", "-cp",
        System.getProperty("java.class.path"), ExitingCoordinatorMain.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS), "the coordinator exits");
      List<String> lines = new String(coordinator.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertEquals(4, lines.size(), String.join("\n", lines));
      long worker = Long.parseLong(lines.get(0).substring("worker ".length()));

      assertTrue(lines.get(1).startsWith("running: failed io.procpool.pool.TaskFailedException: interrupted: the JVM is"
          + " shutting down and its shutdown hook killed worker w1 (pid " + worker + ")"), lines.get(1));
      assertEquals("submit: refused io.procpool.pool.PoolClosedException: cannot submit to the process pool:"
          + " the JVM is shutting down", lines.get(2));
      assertFalse(lines.get(3).contains("retrying"), lines.get(3));
      assertFalse(lines.get(3).contains("failed to start"), lines.get(3));
      assertFalse(running(worker));
    } finally {
      coordinator.destroyForcibly();
    }
  }
}
