package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.process.WorkerCommand;
import io.procpool.protocol.VectorScans;
import io.procpool.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator started with the Vector API module scans with it and starts its workers with
 * it: large strings come back intact, and the workers' incubator warnings are
 * not passed on.
 */
final class VectorScansIT {
  @TempDir
  Path dir;

  @Test
  void run_coordinatorWithTheVectorModule_echoesLargeStringsAndKeepsWorkersQuiet() throws Exception {
    Path json = dir.resolve("echo.json");
    Path out = dir.resolve("out.txt");
    Process coordinator = new ProcessBuilder(List.of(WorkerCommand.javaExecutable(), "--add-modules",
        VectorScans.MODULE, "-jar", Path.of("target", "procpool.jar").toString(), "run", "--mode", "process",
        "--workers", "2", "--workload", "echo", "--tasks", "6", "--size", "300000", "--json", json.toString()))
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();

    assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS), "the run did not finish");
    String output = Files.readString(out);
    assertEquals(0, coordinator.exitValue(), output);
    assertTrue(output.contains("6 completed, 0 failed"), output);
    assertFalse(output.contains("] " + VectorScans.STARTUP_WARNING), "a worker's warning was passed on:\n" + output);
    JsonNode results = Json.MAPPER.readTree(json.toFile()).get("results");
    for (JsonNode result : results) {
      assertEquals(300_000, result.get("value").asText().length(), result.toString().substring(0, 200));
    }
  }
}
