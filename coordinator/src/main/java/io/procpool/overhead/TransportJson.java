package io.procpool.overhead;

import io.procpool.pool.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --json} document of {@code overhead --transports}: names are a contract, see docs/overhead.md. */
public final class TransportJson {
  private TransportJson() {}

  public static Map<String, Object> document(TransportComparison.Result result) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("workers", result.settings().workers());
    document.put("cpus", result.cpus());
    document.put("java", result.java());
    document.put("rounds", result.settings().repeats());
    document.put("inFlight", result.inFlight());
    IpcSetup first = result.columns().get(0).setup();
    document.put("offLineThreshold", first.offLineThreshold());
    if (result.columns().stream().anyMatch(column -> column.setup().transport() == Transport.SHM)) {
      document.put("shmWait", first.shmWait().cliName());
    }
    List<Map<String, Object>> transports = result.columns().stream().map(TransportJson::column).toList();
    document.put("transports", transports);
    document.put("seconds", OverheadJson.round(result.seconds()));
    return document;
  }

  private static Map<String, Object> column(TransportComparison.Column column) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("transport", column.setup().transport().label());
    map.put("codec", column.setup().codec().name());
    map.put("startupP50Millis", OverheadJson.round(column.startupP50Millis()));
    map.put("roundTripP50Micros", OverheadJson.round(column.roundTrip().p50()));
    map.put("roundTripP99Micros", OverheadJson.round(column.roundTrip().p99()));
    map.put("roundTripSamples", column.roundTrip().samples());
    map.put("noopMicrosPerTask", OverheadJson.round(column.noopMicros()));
    map.put("cpuMicrosPerTask", OverheadJson.round(column.cpuMicrosPerTask()));
    Map<String, Object> echo = new LinkedHashMap<>();
    column.echoMiBPerSecond().forEach((bytes, mibs) -> echo.put(Integer.toString(bytes), OverheadJson.round(mibs)));
    map.put("echoMiBPerSecond", echo);
    return map;
  }
}
