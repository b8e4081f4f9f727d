package io.procpool.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    RunReport report = new RunReport("process", 2, 3, "noop", "map", 1, 2, 1, 12.5, 3.25, 0.75, 1, List.of(100L), 1, 2,
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
        "wallMillis", "startupMillis", "writeMillis", "processes", "pids", "threads", "workerProcesses",
        "workerStartups", "protocolViolations")) {
      assertEquals(bound.get(field).toString(), written.get(field).toString(), field);
    }
    assertEquals(records.size(), text.lines().filter(line -> line.startsWith("    {\"index\":")).count(),
        "one record per line:\n" + text);
    assertFalse(text.contains("null"), text);
  }

  @Test
  void finish_oneRecordAndOneStartup_writesTheDocumentedLayoutExactly() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StreamingRunJson json = new StreamingRunJson(bytes, "process", 2, 1, "noop");
    json.accept(new TaskRecord(0, 1, 1L, null, 4147, "main", "w1", 1, 571.49, 845.1, 111, 1));
    json.finish(new RunReport("process", 2, 1, "noop", "map", 1000, 1, 0, 5396.82, 525.0, 61.5, 1, List.of(4147L), 1, 1,
        null, null, null, List.of(new StartupRecord("w1", 4147, 203.85, 634.98)), List.of()));

    assertEquals("""
        {
          "mode": "process",
          "workers": 2,
          "tasks": 1,
          "workload": "noop",
          "results": [
            {"index":0,"size":1,"value":1,"pid":4147,"thread":"main","worker":"w1","completion":1,\
        "startedMillis":571.49,"finishedMillis":845.1,"micros":111,"attempts":1}
          ],
          "style": "map",
          "chunksize": 1000,
          "completed": 1,
          "failed": 0,
          "wallMillis": 5396.82,
          "startupMillis": 525.0,
          "writeMillis": 61.5,
          "processes": 1,
          "pids": [
            4147
          ],
          "threads": 1,
          "workerProcesses": 1,
          "workerStartups": [
            {"worker":"w1","pid":4147,"spawnedMillis":203.85,"readyMillis":634.98}
          ],
          "protocolViolations": []
        }
        """, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void finish_noRecords_writesEmptyArrays() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StreamingRunJson json = new StreamingRunJson(bytes, "serial", 1, 0, "noop");
    json.finish(new RunReport("serial", 1, 0, "noop", "map", 1, 0, 0, 0.5, 0, 0, 0, List.of(), 0, 0,
        null, null, null, List.of(), List.of()));

    String text = bytes.toString(StandardCharsets.UTF_8);
    JsonNode written = MAPPER.readTree(text);
    assertEquals(0, written.get("results").size());
    assertEquals(0, written.get("pids").size());
    assertTrue(text.contains("\"results\": [],\n"), text);
  }

  @Test
  void accept_textNeedingEscapesAndOddValues_readBackUnchanged() throws Exception {
    String odd = "quote \" back \\ line\n tab\t bell\u0007 del\u007f \u00e9\u4e2d \ud83d\ude00 /";
    List<Object> values = List.of(odd, Long.MIN_VALUE, Long.MAX_VALUE, -7, true, false, 2.5, List.of(1.0e-9, "x"),
        "x".repeat(70_000));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StreamingRunJson json = new StreamingRunJson(bytes, odd, 1, values.size(), odd);
    for (int i = 0; i < values.size(); i++) {
      json.accept(new TaskRecord(i, -i, values.get(i), null, -1, odd, odd, i, -0.07, 1e6 + 0.01, 0, 1));
    }
    json.finish(new RunReport(odd, 1, values.size(), odd, "map", 1, values.size(), 0, 1.0e7, 3.25, 0, 0, List.of(), 0,
        0, null, null, null, List.of(), List.of()));

    JsonNode written = MAPPER.readTree(bytes.toString(StandardCharsets.UTF_8));
    assertEquals(odd, written.get("mode").asText());
    assertEquals(odd, written.get("workload").asText());
    assertEquals(1.0e7, written.get("wallMillis").asDouble());
    for (int i = 0; i < values.size(); i++) {
      JsonNode record = written.get("results").get(i);
      assertEquals(MAPPER.valueToTree(values.get(i)), record.get("value"), "value " + i);
      assertEquals(-i, record.get("size").asLong());
      assertEquals(odd, record.get("thread").asText());
      assertEquals("-0.07", record.get("startedMillis").toString());
      assertEquals("1000000.01", record.get("finishedMillis").toString());
    }
  }
}
