package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.report.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counter workload: one counter shared by threads, one per worker process. */
final class MemoryIsolationIT {
  @TempDir
  Path dir;

  @Test
  void compare_counter_explainsSharedAndPerProcessStateAndCountsProcessesAndThreads() throws Exception {
    Path json = dir.resolve("compare.json");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int status;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      status = Main.run("compare", "--workload", "counter", "--modes", "serial,thread,process", "--workers", "2",
          "--tasks", "6", "--json", json.toString());
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);

    assertEquals(ExitCodes.OK, status, output);
    assertTrue(output.contains("as expected for counter"), output);
    assertTrue(output.contains("the same JVM as an earlier mode"), output);
    JsonNode runs = Json.MAPPER.readTree(json.toFile()).get("runs");
    assertEquals(1, runs.get(0).get("processes").asInt());
    assertEquals(1, runs.get(0).get("threads").asInt());
    assertEquals(1, runs.get(1).get("processes").asInt());
    assertEquals(2, runs.get(2).get("processes").asInt());
    // thread mode carries on from serial's 6 increments: one counter in one JVM
    long threadMinimum = Long.MAX_VALUE;
    for (JsonNode result : runs.get(1).get("results")) {
      threadMinimum = Math.min(threadMinimum, result.get("value").asLong());
    }
    assertEquals(7, threadMinimum);
    // each worker process counts from 1 on its own
    Map<Long, Long> lowestByPid = new HashMap<>();
    for (JsonNode result : runs.get(2).get("results")) {
      lowestByPid.merge(result.get("pid").asLong(), result.get("value").asLong(), Math::min);
    }
    assertEquals(2, lowestByPid.size());
    lowestByPid.values().forEach(lowest -> assertEquals(1L, lowest));
  }
}
