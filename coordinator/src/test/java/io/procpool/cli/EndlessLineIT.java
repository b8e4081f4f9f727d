package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.process.WorkerCommand;
import io.procpool.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that answers with one endless line, through the real pool in a coordinator JVM of
 * its own: the line is refused while it is still coming, and the run ends.
 */
final class EndlessLineIT {
  @TempDir
  Path dir;

  @Test
  void run_endlessLineInA64MiBCoordinator_protocolErrorNamingTheLine() throws Exception {
    // 64 MiB cannot hold a line up to the 256 MiB limit: the line is refused when the heap runs out.
    JsonNode error = runAgainstEndlessLine("-Xmx64m");

    assertTrue(error.get("message").asText().matches("(?s)protocol error from worker w1 \\(pid \\d+\\): line of at least"
        + " \\d+ bytes does not fit in memory \\(the limit is 268435456 bytes\\): \"\\{\\\\\"type\\\\\":\\\\\"done.*"),
        error.get("message").asText());
  }

  @Test
  void run_endlessLine_refusedAtTheLimitWithoutWaitingForANewline() throws Exception {
    JsonNode error = runAgainstEndlessLine("-Xmx1g");

    assertTrue(error.get("message").asText().matches("(?s)protocol error from worker w1 \\(pid \\d+\\): line of at least"
        + " \\d+ bytes exceeds the limit of 268435456 bytes: .*"), error.get("message").asText());
  }

  /** Runs one noop task on one {@link EndlessLineWorker}, and returns the task's error. */
  private JsonNode runAgainstEndlessLine(String heap) throws Exception {
    Path json = dir.resolve("run.json");
    Path output = dir.resolve("out.txt");
    String worker = String.join(" ", WorkerCommand.javaExecutable(), "-cp", Path.of("target", "test-classes").toString(),
        EndlessLineWorker.class.getName());
    long start = System.nanoTime();
    Process coordinator = new ProcessBuilder(List.of(WorkerCommand.javaExecutable(), heap, "-jar",
        Path.of("target", "procpool.jar").toString(), "run", "--mode", "process", "--workers", "1", "--tasks", "1",
        "--workload", "noop", "--retries", "0", "--worker-command", worker, "--json", json.toString()))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    try {
      assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS), "the run did not end: " + Files.readString(output));
    } finally {
      coordinator.destroyForcibly();
    }
    String printed = Files.readString(output);
    System.out.printf("[procpool-it] endless line at coordinator %s: ended in %.2f s%n", heap,
        (System.nanoTime() - start) / 1e9);

    assertEquals(ExitCodes.TASKS_FAILED, coordinator.exitValue(), printed);
    assertFalse(printed.contains("OutOfMemoryError"), printed);
    JsonNode result = Json.MAPPER.readTree(json.toFile()).get("results").get(0);
    assertEquals("protocol-error", result.get("error").get("type").asText(), result.toString());
    return result.get("error");
  }
}
