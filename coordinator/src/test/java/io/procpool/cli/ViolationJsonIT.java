package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * A worker that breaks the protocol once, whose tasks are then retried and succeed: the run
 * succeeds, and its {@code --json} still records the violation (the library's
 * misbehaving_worker.py, first worker only).
 */
final class ViolationJsonIT {
  private static final Path SCRIPT = Path.of("..", "library", "src", "test", "resources", "misbehaving_worker.py");

  @TempDir
  Path dir;

  @Test
  void run_violationThenRetriedTasksSucceed_exitZeroAndViolationInJson() throws Exception {
    assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "python3 is not on the PATH");
    Path json = dir.resolve("run.json");
    Path output = dir.resolve("out.txt");
    String worker = String.join(" ", "python3", SCRIPT.toAbsolutePath().toString(), "duplicate-done",
        dir.resolve("first-worker-was-here").toString());
    Process coordinator = new ProcessBuilder(List.of(WorkerCommand.javaExecutable(), "-jar",
        Path.of("target", "procpool.jar").toString(), "run", "--mode", "process", "--workers", "1", "--tasks", "8",
        "--workload", "noop", "--retries", "1", "--worker-command", worker, "--json", json.toString()))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    try {
      assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS), "the run did not end: " + Files.readString(output));
    } finally {
      coordinator.destroyForcibly();
    }
    String printed = Files.readString(output);

    assertEquals(ExitCodes.OK, coordinator.exitValue(), printed);
    JsonNode run = Json.MAPPER.readTree(json.toFile());
    assertEquals(8, run.get("completed").asInt(), run.toString());
    assertEquals(0, run.get("failed").asInt(), run.toString());
    JsonNode violations = run.get("protocolViolations");
    assertEquals(1, violations.size(), run.toString());
    JsonNode violation = violations.get(0);
    assertEquals("w1", violation.get("worker").asText());
    assertTrue(violation.get("pid").asLong() > 0, violation.toString());
    assertTrue(violation.get("message").asText().startsWith("protocol error from worker w1 (pid "
        + violation.get("pid").asLong() + "): answered request"), violation.toString());
    assertTrue(printed.contains(violation.get("message").asText()), "also printed on stderr: " + printed);
    assertTrue(run.get("results").findValues("attempts").stream().anyMatch(attempts -> attempts.asInt() == 2),
        "a task held at the violation was retried: " + run);
  }
}
