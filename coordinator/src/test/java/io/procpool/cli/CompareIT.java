package io.procpool.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.report.Json;
import io.procpool.task.CpuHeavy;
import io.procpool.task.Fail;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, with real worker JVMs. */
final class CompareIT {
  private static final long OWN_PID = ProcessHandle.current().pid();

  @TempDir
  Path dir;

  @Test
  void compare_nonUniformCpuHeavy_allModesAgreeWithTheRecurrence() throws Exception {
    Path json = dir.resolve("compare.json");

    int status = Main.run("compare", "--modes", "serial,thread,process", "--workers", "2", "--tasks", "6",
        "--size", "2000000", "--spread", "0.5", "--seed", "7", "--json", json.toString());

    assertEquals(ExitCodes.OK, status);
    JsonNode document = Json.MAPPER.readTree(json.toFile());
    assertTrue(document.get("identical").asBoolean());
    JsonNode runs = document.get("runs");
    assertEquals(3, runs.size());
    Set<Long> sizes = new HashSet<>();
    for (JsonNode run : runs) {
      assertEquals(6, run.get("results").size());
      assertEquals(6, run.get("completed").asInt());
      assertTrue(run.get("wallMillis").asDouble() > 0);
      for (JsonNode result : run.get("results")) {
        long size = result.get("size").asLong();
        sizes.add(size);
        assertEquals(CpuHeavy.xorshift(size), result.get("value").asLong());
      }
    }
    assertTrue(sizes.size() > 1, "spread 0.5 should give different sizes: " + sizes);
    JsonNode process = runs.get(2);
    assertEquals("process", process.get("mode").asText());
    assertEquals(2, process.get("processes").asInt());
    assertTrue(process.get("startupMillis").asDouble() > 0);
    for (JsonNode result : process.get("results")) {
      assertNotEquals(OWN_PID, result.get("pid").asLong(), "process mode ran a task in the coordinator");
    }
    assertEquals(OWN_PID, runs.get(1).get("results").get(0).get("pid").asLong());
  }

  @Test
  void run_failWorkloadInProcessMode_reportsEachTaskAsError() throws Exception {
    Path json = dir.resolve("run.json");

    int status = Main.run("run", "--mode", "process", "--workers", "2", "--workload", "fail", "--tasks", "3",
        "--json", json.toString());

    assertEquals(ExitCodes.TASKS_FAILED, status);
    JsonNode document = Json.MAPPER.readTree(json.toFile());
    assertEquals(3, document.get("failed").asInt());
    JsonNode error = document.get("results").get(1).get("error");
    assertEquals("task-error", error.get("type").asText());
    assertEquals("java.lang.IllegalStateException", error.get("exception").asText());
    assertTrue(error.get("message").asText().startsWith(Fail.MESSAGE_PREFIX));
    assertTrue(error.get("trace").asText().contains("at io.procpool.task.Fail.run"));
  }

  @Test
  void run_processMode_leavesNoWorkerBehind() {
    int status = Main.run("run", "--mode", "process", "--workers", "3", "--workload", "noop", "--tasks", "50");

    assertEquals(ExitCodes.OK, status);
    await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.current().children().count() == 0);
  }

  @Test
  void run_workerCommandPythonWorker_givesTheJavaValues() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(pythonAvailable(), "python3 is not installed");
    Path json = dir.resolve("python.json");

    int status = Main.run("run", "--mode", "process", "--workers", "2", "--worker-command",
        "python3 " + Path.of("..", "docs", "python", "worker.py"), "--tasks", "4", "--size", "20000",
        "--spread", "0.5", "--json", json.toString());

    assertEquals(ExitCodes.OK, status);
    for (JsonNode result : Json.MAPPER.readTree(json.toFile()).get("results")) {
      assertEquals(CpuHeavy.xorshift(result.get("size").asLong()), result.get("value").asLong());
      assertNotEquals(OWN_PID, result.get("pid").asLong());
    }
  }

  private static boolean pythonAvailable() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
