package io.procpool.overhead;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --json} document: names are a contract for scripts, see docs/overhead.md. */
public final class OverheadJson {
  private OverheadJson() {}

  public static Map<String, Object> document(OverheadReport report) {
    Map<String, Object> document = new LinkedHashMap<>();
    OverheadSettings settings = report.settings();
    document.put("workers", settings.workers());
    document.put("cpus", report.cpus());
    document.put("java", report.java());
    document.putAll(report.ipc().json());
    document.put("stringScans", report.vectorScans() ? "vector" : "word-wise");
    document.put("startupMillis", startup(report.defaultStartup(), report.archiveStatus()));
    document.put("startupVariants", report.startup().stream().map(f -> startup(f, null)).toList());
    document.put("roundTripMicros", roundTrip(report.roundTrip()));
    document.put("perTaskMicros", perTask(report, false));
    document.put("tasksPerSecond", perTask(report, true));
    document.put("chunksizes", chunksizes(report));
    report.point(RunCostProbe.MODE, RunCostProbe.CHUNKSIZE).ifPresent(run -> document.put("runOwnMicrosPerTask",
        round(run.microsPerTask() - report.point("serial", RunCostProbe.CHUNKSIZE)
            .map(ThroughputPoint::microsPerTask).orElse(0.0))));
    report.point(RunCostProbe.RECORDS_MODE, RunCostProbe.CHUNKSIZE).ifPresent(records -> document.put(
        "runRecordsMicrosPerTask", round(records.microsPerTask())));
    document.put("inFlight", inFlight(report));
    document.put("payload", report.payload().stream().map(OverheadJson::payload).toList());
    document.put("timeSplitMicros", split(report.split(), report.codec()));
    document.put("typedMicros", typed(report));
    document.put("seconds", round(report.seconds()));
    return document;
  }

  private static Map<String, Object> typed(OverheadReport report) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("record", round(report.typed().recordMicros()));
    map.put("recordTasks", report.typed().recordTasks());
    report.point("process", 1).ifPresent(noop -> map.put("recordOverNoop", round(report.typed().recordMicros() / noop.microsPerTask())));
    map.put("identityChunksize1000", round(report.typed().identityMicros()));
    map.put("identityTasks", report.typed().identityTasks());
    return map;
  }

  private static Map<String, Object> startup(StartupFigures figures, String archive) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("label", figures.label());
    map.put("p50", round(figures.p50Millis()));
    map.put("max", round(figures.maxMillis()));
    map.put("jvmP50", round(figures.jvmP50Millis()));
    map.put("procpoolP50", round(figures.initP50Millis()));
    map.put("samples", figures.samples());
    if (archive != null) {
      map.put("archive", archive);
    }
    return map;
  }

  private static Map<String, Object> roundTrip(RoundTripFigures figures) {
    LatencySummary latency = figures.latency();
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("p50", round(latency.p50()));
    map.put("p90", round(latency.p90()));
    map.put("p99", round(latency.p99()));
    map.put("max", round(latency.max()));
    map.put("samples", latency.samples());
    map.put("warmup", figures.warmup());
    return map;
  }

  /** Chunksize 1 at the default in-flight, one entry per mode. */
  private static Map<String, Object> perTask(OverheadReport report, boolean perSecond) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (String mode : List.of("process", "thread", "serial")) {
      report.point(mode, 1).ifPresent(p -> map.put(mode, round(perSecond ? p.tasksPerSecond() : p.microsPerTask())));
    }
    map.put("chunksize", 1);
    map.put("inFlight", report.defaultInFlight());
    map.put("tasks", report.settings().tasks());
    map.put("runs", report.settings().repeats());
    return map;
  }

  private static List<Map<String, Object>> chunksizes(OverheadReport report) {
    return OverheadSettings.CHUNKSIZES.stream().map(chunksize -> {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("chunksize", chunksize);
      for (String mode : List.of("process", "thread", "serial")) {
        report.point(mode, chunksize).ifPresent(p -> map.put(mode, round(p.microsPerTask())));
      }
      return map;
    }).toList();
  }

  private static List<Map<String, Object>> inFlight(OverheadReport report) {
    return OverheadSettings.IN_FLIGHTS.stream()
        .flatMap(inFlight -> report.point("process", 1, inFlight).stream())
        .map(p -> {
          Map<String, Object> map = new LinkedHashMap<>();
          map.put("inFlight", p.inFlight());
          map.put("microsPerTask", round(p.microsPerTask()));
          map.put("tasksPerSecond", round(p.tasksPerSecond()));
          return map;
        }).toList();
  }

  private static Map<String, Object> payload(PayloadPoint point) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("bytes", point.bytes());
    map.put("mibPerSecond", round(point.mibPerSecond()));
    map.put("microsPerTask", round(point.microsPerTask()));
    map.put("tasks", point.tasks());
    map.put("runs", point.runs());
    return map;
  }

  private static Map<String, Object> split(TimeSplit split, CodecFigures codec) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("roundTrip", round(split.roundTripMicros()));
    map.put("encode", round(split.encodeMicros()));
    map.put("decode", round(split.decodeMicros()));
    map.put("compute", round(split.computeMicros()));
    map.put("transit", round(split.transitMicros()));
    map.put("encodeRequest", round(codec.encodeRunMicros()));
    map.put("encodeAnswer", round(codec.encodeDoneMicros()));
    map.put("decodeRequest", round(codec.decodeRunMicros()));
    map.put("decodeAnswer", round(codec.decodeDoneMicros()));
    map.put("codecSamples", codec.messages());
    return map;
  }

  /** Three decimals are plenty, and keep the file readable. */
  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
