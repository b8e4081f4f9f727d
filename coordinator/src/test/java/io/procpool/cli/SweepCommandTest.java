package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.report.Json;
import io.procpool.sweep.WorkerRange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The sweep command on in-JVM modes (fast); process modes sweep the same way. */
final class SweepCommandTest {
  @TempDir
  Path dir;

  @Test
  void sweep_threadAndGilThread_writesEveryPointWithTheDocumentedFields() throws Exception {
    Path json = dir.resolve("sweep.json");
    Path chart = dir.resolve("sweep.svg");

    int status = run("sweep", "--workers", "1..3", "--modes", "thread,gil-thread", "--size", "20000",
        "--json", json.toString(), "--chart", chart.toString());

    assertEquals(ExitCodes.OK, status);
    JsonNode document = Json.MAPPER.readTree(json.toFile());
    for (String field : List.of("workload", "tasks", "sizes", "availableProcessors", "java", "repeat", "serialMillis")) {
      assertTrue(document.has(field), "missing " + field);
    }
    assertEquals("cpu-heavy", document.get("workload").asText());
    assertEquals(6, document.get("tasks").asInt(), "default: two tasks per worker of the largest count");
    List<String> seen = new ArrayList<>();
    for (JsonNode point : document.get("points")) {
      for (String field : List.of("wallMillis", "startupMillis", "speedup", "speedupExcludingStartup")) {
        assertTrue(point.get(field).isNumber(), "point lacks " + field + ": " + point);
      }
      assertEquals(point.get("workers").asDouble(), point.get("idealSpeedup").asDouble());
      seen.add(point.get("mode").asText() + point.get("workers").asInt());
    }
    assertEquals(List.of("thread1", "thread2", "thread3", "gil-thread1", "gil-thread2", "gil-thread3"), seen);
    assertTrue(Files.readString(chart).contains("gil-thread 3 workers"), "chart lacks its description");
  }

  @Test
  void sweep_serialInModes_isAUsageError() {
    assertEquals(ExitCodes.USAGE, run("sweep", "--modes", "serial,thread", "--size", "1000"));
  }

  @Test
  void sweep_badRange_isAUsageError() {
    assertEquals(ExitCodes.USAGE, run("sweep", "--workers", "3..1"));
    assertEquals(ExitCodes.USAGE, run("sweep", "--workers", "lots"));
  }

  @Test
  void parse_rangeOrCount_givesFromAndTo() {
    assertEquals(new WorkerRange(2, 6), WorkerRange.parse("2..6"));
    assertEquals(new WorkerRange(1, 4), WorkerRange.parse("4"));
    assertThrows(IllegalArgumentException.class, () -> WorkerRange.parse("0..2"));
  }

  private static int run(String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(new StringWriter(), true));
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    return commandLine.execute(args);
  }
}
