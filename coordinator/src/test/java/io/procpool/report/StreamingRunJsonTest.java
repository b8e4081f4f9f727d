package io.procpool.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procpool.process.ProtocolViolation;
import io.procpool.run.RunReport;
import io.procpool.run.StartupRecord;
import io.procpool.run.TaskRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed {@code run --json} holds every field of the contract, with the records' exact values. */
final class StreamingRunJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void finish_recordsWithValueAndError_writeEveryFieldAsDataBindingWould() throws Exception {
    List<TaskRecord> records = List.of(
        new TaskRecord(0, 7, 42L, null, 100, "main", "w1", 2, 0.05, 1234.5, 3, 1),
        new TaskRecord(1, 8, null, new TaskRecord.ErrorRecord("interrupted", "interrupted", "killed \"now\"", ""),
            -1, "", "", 0, -1, 99999.99, 0, 1),
        new TaskRecord(2, 9, List.of(1, "two"), null, 100, "main", "w1", 1, 10, 10.1, 0, 2));
    RunReport report = new RunReport("process", 2, 3, "noop", "map", 1, 2, 1, 12.5, 3.25, 1, List.of(100L), 1, 2,
        null, null, null, List.of(new StartupRecord("w1", 100, 1.5, 2.25)),
        List.of(new ProtocolViolation("w1", 100, "protocol error from worker w1 (pid 100): said hello twice")));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    StreamingRunJson json = new StreamingRunJson(bytes, "process", 2, 3, "noop");
    records.forEach(json::accept);
    json.finish(report);

    String text = bytes.toString(StandardCharsets.UTF_8);
    JsonNode written = MAPPER.readTree(text);
    JsonNode bound = MAPPER.valueToTree(report);
    for (int i = 0; i < records.size(); i++) {
      assertEquals(MAPPER.valueToTree(records.get(i)).toString().replace(",\"value\":null", "")
          .replace(",\"error\":null", ""), written.get("results").get(i).toString());
    }
    for (String field : List.of("mode", "workers", "tasks", "workload", "style", "chunksize", "completed", "failed",
        "wallMillis", "startupMillis", "processes", "pids", "threads", "workerProcesses", "workerStartups", "protocolViolations")) {
      assertEquals(bound.get(field).toString(), written.get(field).toString(), field);
    }
    assertEquals(records.size(), text.lines().filter(line -> line.startsWith("    {\"index\":")).count(),
        "one record per line:\n" + text);
    assertFalse(text.contains("null"), text);
  }
}
