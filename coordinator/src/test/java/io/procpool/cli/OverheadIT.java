package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.overhead.OverheadSettings;
import io.procpool.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code procpool overhead} end to end with tiny sample counts: the figures exist and are sane. No timing is asserted. */
final class OverheadIT {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir
  Path dir;

  @Test
  void overhead_tinyRun_writesSaneJsonAndAPng() throws Exception {
    Path json = dir.resolve("overhead.json");
    Path chart = dir.resolve("overhead.png");

    int status = Main.run("overhead", "--workers", "2", "--tasks", "200", "--round-trips", "200", "--starts", "1",
        "--repeats", "1", "--json", json.toString(), "--chart", chart.toString());

    assertEquals(ExitCodes.OK, status);
    JsonNode document = Json.MAPPER.readTree(json.toFile());

    JsonNode startup = document.get("startupMillis");
    assertTrue(startup.get("samples").asInt() >= 2, startup.toString());
    assertTrue(startup.get("p50").asDouble() > 0, startup.toString());
    assertTrue(startup.get("max").asDouble() >= startup.get("p50").asDouble(), startup.toString());

    JsonNode roundTrip = document.get("roundTripMicros");
    assertEquals(200, roundTrip.get("samples").asInt());
    double previous = 0;
    for (String percentile : List.of("p50", "p90", "p99", "max")) {
      double value = roundTrip.get(percentile).asDouble();
      assertTrue(value > 0 && value >= previous, percentile + " in " + roundTrip);
      previous = value;
    }

    JsonNode perTask = document.get("perTaskMicros");
    for (String mode : List.of("process", "thread", "serial")) {
      assertTrue(perTask.get(mode).asDouble() > 0, mode + " in " + perTask);
    }
    assertEquals(200, perTask.get("tasks").asInt());

    JsonNode payload = document.get("payload");
    assertEquals(OverheadSettings.PAYLOAD_BYTES.size(), payload.size());
    for (int i = 0; i < payload.size(); i++) {
      JsonNode point = payload.get(i);
      assertEquals((int) OverheadSettings.PAYLOAD_BYTES.get(i), point.get("bytes").asInt());
      assertTrue(point.get("tasks").asInt() > 0, point.toString());
      assertTrue(point.get("bytes").asInt() == 0 || point.get("mibPerSecond").asDouble() > 0, point.toString());
    }
    assertEquals(OverheadSettings.IN_FLIGHTS.size(), document.get("inFlight").size());
    assertTrue(document.get("timeSplitMicros").get("transit").asDouble() >= 0);

    byte[] png = Files.readAllBytes(chart);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
    assertTrue(png.length > 10_000, "a chart of " + png.length + " bytes is suspiciously small");
  }

  @Test
  void overhead_chartWithUnknownExtension_isAUsageError() {
    int status = Main.run("overhead", "--chart", dir.resolve("chart.pdf").toString());

    assertEquals(ExitCodes.USAGE, status);
  }

  @Test
  void overhead_severalTransportsAndCodecs_writesOneColumnPerPointInJsonAndAChart() throws Exception {
    Path json = dir.resolve("transports.json");
    Path chart = dir.resolve("transports.svg");

    int status = Main.run("overhead", "--transports", "unix,shm", "--codecs", "procpool,jackson",
        "--off-line-threshold", "65536", "--workers", "1", "--tasks", "200", "--round-trips", "100", "--starts", "1",
        "--repeats", "1", "--json", json.toString(), "--chart", chart.toString());

    assertEquals(ExitCodes.OK, status);
    JsonNode document = Json.MAPPER.readTree(json.toFile());
    assertEquals(65536, document.get("offLineThreshold").asInt());
    assertEquals("backoff", document.get("shmWait").asText());
    JsonNode transports = document.get("transports");
    assertEquals(List.of("unix", "unix", "shm", "shm"), transports.findValuesAsText("transport"));
    assertEquals(List.of("procpool", "jackson", "procpool", "jackson"), transports.findValuesAsText("codec"));
    for (JsonNode column : transports) {
      assertTrue(column.get("startupP50Millis").asDouble() > 0, column.toString());
      assertEquals(100, column.get("roundTripSamples").asInt(), column.toString());
      assertTrue(column.get("roundTripP99Micros").asDouble() >= column.get("roundTripP50Micros").asDouble(),
          column.toString());
      assertTrue(column.get("noopMicrosPerTask").asDouble() > 0, column.toString());
      assertEquals(3, column.get("echoMiBPerSecond").size(), column.toString());
      column.get("echoMiBPerSecond").forEach(mibs -> assertTrue(mibs.asDouble() > 0, column.toString()));
    }
    assertTrue(Files.readString(chart).contains("<svg"), "an SVG chart");
  }
}
