package io.procpool.overhead;

import java.util.List;
import java.util.Optional;

/**
 * Everything one {@code overhead} run measured.
 *
 * @param settings what was asked for
 * @param ipc how the process pools carried their messages
 * @param cpus available processors
 * @param java the Java version the coordinator and workers ran on
 * @param vectorScans whether long strings were scanned with the Vector API (see {@code VectorScans})
 * @param defaultInFlight the pool's default requests per worker, used wherever in-flight is not varied
 * @param startup worker start-up, the default configuration first
 * @param archiveStatus the class-data archive's state at the end
 * @param roundTrip one-in-flight latency
 * @param throughput per-task cost by mode, chunksize and in-flight
 * @param payload echo throughput by payload size
 * @param codec codec costs of the round trip's messages
 * @param split where the median round trip goes
 * @param seconds how long the whole measurement took
 */
public record OverheadReport(
    OverheadSettings settings,
    IpcSetup ipc,
    int cpus,
    String java,
    boolean vectorScans,
    int defaultInFlight,
    List<StartupFigures> startup,
    String archiveStatus,
    RoundTripFigures roundTrip,
    List<ThroughputPoint> throughput,
    List<PayloadPoint> payload,
    CodecFigures codec,
    TimeSplit split,
    TypedProbe.Figures typed,
    double seconds) {

  /** The point for this mode and chunksize at the default in-flight. */
  public Optional<ThroughputPoint> point(String mode, int chunksize) {
    int inFlight = "process".equals(mode) ? defaultInFlight : 0;
    return point(mode, chunksize, inFlight);
  }

  public Optional<ThroughputPoint> point(String mode, int chunksize, int inFlight) {
    return throughput.stream()
        .filter(p -> p.mode().equals(mode) && p.chunksize() == chunksize && p.inFlight() == inFlight)
        .findFirst();
  }

  /** The default configuration's start-up figures. */
  public StartupFigures defaultStartup() {
    return startup.get(0);
  }
}
