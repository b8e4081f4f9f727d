package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.process.WorkerCommand;
import io.procpool.report.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop policies and memory bounds of the command line, end to end. */
final class RunLimitsIT {
  @TempDir
  Path dir;

  @Test
  void run_failFast_cancelsTheRestAndExitsOne() throws Exception {
    Path json = dir.resolve("ff.json");

    int status = Main.run("run", "--mode", "process", "--workers", "2", "--workload", "fail", "--tasks", "60",
        "--fail-fast", "--quiet-workers", "--json", json.toString());

    assertEquals(ExitCodes.TASKS_FAILED, status);
    JsonNode results = Json.MAPPER.readTree(json.toFile()).get("results");
    assertEquals(60, results.size(), "every task is accounted for");
    long errors = 0;
    long cancelled = 0;
    for (JsonNode result : results) {
      String type = result.get("error").get("type").asText();
      errors += type.equals("task-error") ? 1 : 0;
      cancelled += type.equals("cancelled") ? 1 : 0;
    }
    assertEquals(60, errors + cancelled);
    assertTrue(cancelled > 0 && errors < 60, "fail-fast ran " + errors + " of 60 failing tasks");
  }

  /** Results stream to the JSON file, so the coordinator's heap does not grow with the task count. */
  @Test
  void run_manyTasksInSmallHeap_completes() throws Exception {
    Path json = dir.resolve("many.json");
    int tasks = 200_000;
    Process coordinator = new ProcessBuilder(List.of(WorkerCommand.javaExecutable(), "-Xmx32m", "-jar",
        Path.of("target", "procpool.jar").toString(), "run", "--mode", "process", "--workers", "2",
        "--workload", "noop", "--tasks", Integer.toString(tasks), "--quiet-workers", "--json", json.toString()))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .start();

    assertTrue(coordinator.waitFor(120, TimeUnit.SECONDS), "the run did not finish");
    assertEquals(0, coordinator.exitValue(), java.nio.file.Files.readString(dir.resolve("out.txt")));
    int completed = -1;
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(json.toFile())) {
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.FIELD_NAME && parser.currentName().equals("completed")
            && parser.getParsingContext().getParent().inRoot()) {
          parser.nextToken();
          completed = parser.getIntValue();
        }
      }
    }
    assertEquals(tasks, completed);
  }
}
