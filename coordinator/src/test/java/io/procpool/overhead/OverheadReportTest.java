package io.procpool.overhead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.process.WorkerStartup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statistics and the three renderings of a report (table, JSON, chart), on made-up figures. */
final class OverheadReportTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir
  Path dir;

  @Test
  void samples_medianOfOddAndEvenCounts() {
    assertEquals(3.0, Samples.median(List.of(5, 1, 3)));
    assertEquals(2.5, Samples.median(List.of(4.0, 1.0, 2.0, 3.0)));
    assertEquals(5.0, Samples.max(List.of(5, 1, 3)));
    assertTrue(Double.isNaN(Samples.median(List.of())));
  }

  @Test
  void latencySummary_percentilesOfNanosecondsInMicros() {
    Histogram nanos = LatencySummary.newNanosHistogram();
    for (int micros = 1; micros <= 100; micros++) {
      nanos.recordValue(micros * 1000L);
    }

    LatencySummary summary = LatencySummary.ofNanos(nanos);

    assertEquals(100, summary.samples());
    assertEquals(50.0, summary.p50(), 0.1);
    assertEquals(90.0, summary.p90(), 0.1);
    assertEquals(99.0, summary.p99(), 0.1);
    assertEquals(100.0, summary.max(), 0.1);
  }

  @Test
  void startupFigures_splitJvmFromProcpoolsOwnPart() {
    List<WorkerStartup> startups = List.of(
        new WorkerStartup("w1", 1, 100_000, 20_000),
        new WorkerStartup("w2", 2, 140_000, 30_000),
        new WorkerStartup("w3", 3, 120_000, 10_000));

    StartupFigures figures = StartupFigures.of("default", startups);

    assertEquals(3, figures.samples());
    assertEquals(120.0, figures.p50Millis(), 1e-9);
    assertEquals(140.0, figures.maxMillis(), 1e-9);
    assertEquals(110.0, figures.jvmP50Millis(), 1e-9);
    assertEquals(20.0, figures.initP50Millis(), 1e-9);
  }

  @Test
  void timeSplit_transitIsTheRemainder() {
    RoundTripFigures roundTrip = roundTrip();
    CodecFigures codec = new CodecFigures(1, 2, 3, 4, 10);

    TimeSplit split = TimeSplit.of(roundTrip, codec);

    assertEquals(roundTrip.latency().p50(), split.roundTripMicros());
    assertEquals(4.0, split.encodeMicros());
    assertEquals(6.0, split.decodeMicros());
    assertEquals(roundTrip.latency().p50() - 10 - 1, split.transitMicros(), 1e-9);
  }

  @Test
  void payloadPoint_mibPerSecondCountsEachArgumentOnce() {
    assertEquals(1000.0, new PayloadPoint(1 << 20, 10, 1, 1000.0).mibPerSecond(), 1e-9);
    assertEquals(0.0, new PayloadPoint(0, 10, 1, 5.0).mibPerSecond());
  }

  @Test
  @SuppressWarnings("unchecked")
  void json_hasTheDocumentedFields() {
    Map<String, Object> document = OverheadJson.document(report());

    assertEquals("pipe", document.get("transport"));
    assertEquals("procpool", document.get("codec"));
    assertEquals(0, document.get("offLineThreshold"));
    assertFalse(document.containsKey("shmWait"), "only an shm run says how it waited");

    Map<String, Object> startup = (Map<String, Object>) document.get("startupMillis");
    assertEquals(95.0, startup.get("p50"));
    assertEquals(2, startup.get("samples"));
    Map<String, Object> roundTrip = (Map<String, Object>) document.get("roundTripMicros");
    for (String field : List.of("p50", "p90", "p99", "max", "samples")) {
      assertTrue(roundTrip.containsKey(field), field);
    }
    Map<String, Object> perTask = (Map<String, Object>) document.get("perTaskMicros");
    assertEquals(4.5, perTask.get("process"));
    assertEquals(0.5, perTask.get("thread"));
    assertEquals(0.05, perTask.get("serial"));
    List<Map<String, Object>> payload = (List<Map<String, Object>>) document.get("payload");
    assertEquals(OverheadSettings.PAYLOAD_BYTES.size(), payload.size());
    assertEquals(1 << 20, payload.get(3).get("bytes"));
    assertEquals(1024.0, payload.get(3).get("mibPerSecond"));
    assertEquals(OverheadSettings.IN_FLIGHTS.size(), ((List<?>) document.get("inFlight")).size());
    assertEquals("word-wise", document.get("stringScans"));
  }

  @Test
  void table_namesEverySection() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OverheadTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), report());
    String table = bytes.toString(StandardCharsets.UTF_8);

    for (String heading : List.of("Worker start-up", "Round trip", "Per-task cost", "in flight per worker",
        "Payload", "Where a noop round trip goes", "1 MiB")) {
      assertTrue(table.contains(heading), heading + " missing from:\n" + table);
    }
  }

  @Test
  void chart_writesPngAndSvg() throws Exception {
    Path png = dir.resolve("overhead.png");
    Path svg = dir.resolve("overhead.svg");

    OverheadChart.write(png, report());
    OverheadChart.write(svg, report());

    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(png), PNG_SIGNATURE.length));
    String text = Files.readString(svg);
    assertTrue(text.contains("<svg"), "not an SVG document");
    assertTrue(text.trim().endsWith("</svg>"), "SVG document not closed");
    assertTrue(OverheadChart.supports(Path.of("a.SVG")));
    assertTrue(!OverheadChart.supports(Path.of("a.pdf")));
  }

  @Test
  void percentileLabels_oneNinePerDecade() {
    assertEquals("0%", OverheadChart.percentileLabel(1));
    assertEquals("90%", OverheadChart.percentileLabel(10));
    assertEquals("99%", OverheadChart.percentileLabel(100));
    assertEquals("99.9%", OverheadChart.percentileLabel(1000));
    assertEquals("99.99%", OverheadChart.percentileLabel(10000));
  }

  private static RoundTripFigures roundTrip() {
    Histogram nanos = LatencySummary.newNanosHistogram();
    for (int i = 0; i < 1000; i++) {
      nanos.recordValue(20_000 + (i % 100) * 300L + (i == 999 ? 2_000_000 : 0));
    }
    return new RoundTripFigures(LatencySummary.ofNanos(nanos), 1000, 1, nanos);
  }

  static OverheadReport report() {
    OverheadSettings settings = new OverheadSettings(2, 1000, 1000, 1, 3);
    List<StartupFigures> startup = List.of(
        StartupFigures.of("with archive", List.of(new WorkerStartup("w1", 1, 90_000, 10_000),
            new WorkerStartup("w2", 2, 100_000, 12_000))),
        StartupFigures.of("without", List.of(new WorkerStartup("w3", 3, 180_000, 60_000))));
    List<ThroughputPoint> throughput = new ArrayList<>();
    for (int chunksize : OverheadSettings.CHUNKSIZES) {
      throughput.add(new ThroughputPoint("process", chunksize, 64, 1000, 3, 4.5 / chunksize));
      throughput.add(new ThroughputPoint("thread", chunksize, 0, 1000, 3, 0.5 / chunksize));
      throughput.add(new ThroughputPoint("serial", chunksize, 0, 1000, 3, 0.05 / chunksize));
    }
    for (int inFlight : OverheadSettings.IN_FLIGHTS) {
      if (inFlight != 64) {
        throughput.add(new ThroughputPoint("process", 1, inFlight, 1000, 3, 100.0 / inFlight));
      }
    }
    List<PayloadPoint> payload = OverheadSettings.PAYLOAD_BYTES.stream()
        .map(bytes -> new PayloadPoint(bytes, 10, 3, bytes / 1024.0 + 5)).toList();
    payload = new ArrayList<>(payload);
    payload.set(3, new PayloadPoint(1 << 20, 10, 3, 1_000_000.0 / 1024));
    RoundTripFigures roundTrip = roundTrip();
    CodecFigures codec = new CodecFigures(0.3, 0.5, 0.4, 0.6, 1000);
    return new OverheadReport(settings, IpcSetup.defaults(), 2, "17", false, 64, startup, "ready", roundTrip, throughput, payload, codec,
        TimeSplit.of(roundTrip, codec), new TypedProbe.Figures(4.0, 1000, 0.5, 10000), 12.5);
  }
}
