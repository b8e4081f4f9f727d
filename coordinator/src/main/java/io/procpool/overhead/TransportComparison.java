package io.procpool.overhead;

import io.procpool.pool.Transport;
import io.procpool.shm.ShmWait;
import io.procpool.process.ProcessPool;
import io.procpool.process.WorkerStartup;
import io.procpool.protocol.Codec;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * {@code overhead --transports ... --codecs ...}: the points that depend on how messages travel,
 * measured for every transport and codec in one run. Each round measures every point in turn,
 * one pool per point open side by side, so that all see the same machine load; each figure is
 * the median of the rounds (the round trips are pooled into one histogram per point).
 */
public final class TransportComparison {
  /** The echo payloads compared. */
  public static final List<Integer> ECHO_BYTES = List.of(1 << 10, 64 << 10, 1 << 20);
  private static final Duration ARCHIVE_WAIT = Duration.ofSeconds(90);

  private final OverheadSettings settings;
  /** Every transport with every codec, the transports outermost, in the order asked. */
  private final List<IpcSetup> points;
  private final List<String> jvmOptions;
  private final Consumer<String> workerStderr;
  private final Consumer<String> progress;

  /**
   * @param offLineThreshold strings longer than this travel off the line, on every point; 0 for never
   * @param shmWait how an {@code shm} transport waits
   * @param workerStderr receives the workers' stderr lines
   * @param progress receives a line as each stage starts
   */
  public TransportComparison(OverheadSettings settings, List<Transport> transports, List<Codec> codecs,
      int offLineThreshold, List<String> jvmOptions, ShmWait shmWait, Consumer<String> workerStderr,
      Consumer<String> progress) {
    this.settings = settings;
    List<IpcSetup> points = new ArrayList<>();
    for (Transport transport : transports) {
      for (Codec codec : codecs) {
        points.add(new IpcSetup(transport, codec, offLineThreshold, shmWait));
      }
    }
    this.points = List.copyOf(points);
    this.jvmOptions = List.copyOf(jvmOptions);
    this.workerStderr = workerStderr;
    this.progress = progress;
  }

  /**
   * One point's figures.
   *
   * @param setup its transport and codec
   * @param startupP50Millis median worker spawn-to-ready
   * @param roundTrip one-in-flight noop round trip
   * @param noopMicros noop per task, chunksize 1, all submitted at once (the pool's default in-flight)
   * @param cpuMicrosPerTask CPU time of the coordinator and the workers together per noop task of that run
   * @param echoMiBPerSecond echo throughput by payload size ({@link #ECHO_BYTES})
   */
  public record Column(IpcSetup setup, double startupP50Millis, LatencySummary roundTrip, double noopMicros,
      double cpuMicrosPerTask, Map<Integer, Double> echoMiBPerSecond) {

    /** {@code unix}, or {@code unix/jackson} where the codecs differ between the columns. */
    public String label(boolean withCodec) {
      return setup.transport().label() + (withCodec ? "/" + setup.codec().name() : "");
    }
  }

  /** Everything one comparison measured, the points in the order asked. */
  public record Result(OverheadSettings settings, int cpus, String java, int inFlight, List<Column> columns,
      double seconds) {

    /** Whether the columns differ in codec, so that each label must name its own. */
    public boolean codecsDiffer() {
      return columns.stream().map(column -> column.setup().codec()).distinct().count() > 1;
    }

    /** The columns' labels, in order. */
    public List<String> labels() {
      return columns.stream().map(column -> column.label(codecsDiffer())).toList();
    }
  }

  public Result run() {
    long start = System.nanoTime();
    Map<IpcSetup, ProcessPools> pools = new LinkedHashMap<>();
    points.forEach(point -> pools.put(point, new ProcessPools(settings.workers(), jvmOptions, point.codec(),
        point.offLineThreshold(), workerStderr, point.transport(), point.shmWait())));
    progress.accept("start-up: " + settings.starts() + " pool starts per transport and codec, alternating");
    Map<IpcSetup, List<Double>> startups = samples();
    ProcessPools first = pools.values().iterator().next();
    first.archive().filter(archive -> !archive.ready()).ifPresent(archive -> {
      first.start().close(); // builds the class-data archive in the background, before anything is timed
      archive.awaitReady(ARCHIVE_WAIT);
    });
    for (int i = 0; i < settings.starts(); i++) {
      pools.forEach((point, factory) -> {
        try (ProcessPool pool = factory.start()) {
          for (WorkerStartup startup : pool.startups()) {
            startups.get(point).add(startup.spawnToReadyMicros() / 1000.0);
          }
        }
      });
    }
    List<ProcessPool> open = new ArrayList<>();
    try {
      for (ProcessPools factory : pools.values()) {
        open.add(factory.start());
      }
      return measure(open, startups, pools.values().iterator().next().defaultInFlight(), start);
    } finally {
      open.forEach(ProcessPool::close);
    }
  }

  private Result measure(List<ProcessPool> open, Map<IpcSetup, List<Double>> startups, int inFlight, long start) {
    List<Object> numbers = Batches.numbers(settings.tasks());
    int perRound = Math.max(1, settings.roundTrips() / settings.repeats());
    progress.accept("warm-up: round trips, noop and echo on each transport and codec");
    for (ProcessPool pool : open) {
      RoundTripProbe.measure(pool, settings.warmupRoundTrips(), 1);
      Batches.medianMicros(pool, "noop", numbers, 1, Integer.MAX_VALUE, Batches.warmupFor(numbers), 1);
      for (int bytes : ECHO_BYTES) {
        echoMicrosPerTask(pool, bytes);
      }
    }
    Map<IpcSetup, Histogram> roundTrips = new LinkedHashMap<>();
    Map<IpcSetup, List<Double>> noop = samples();
    Map<IpcSetup, List<Double>> cpu = samples();
    Map<Integer, Map<IpcSetup, List<Double>>> echo = new LinkedHashMap<>();
    ECHO_BYTES.forEach(bytes -> echo.put(bytes, samples()));
    points.forEach(point -> roundTrips.put(point, LatencySummary.newNanosHistogram()));
    for (int round = 1; round <= settings.repeats(); round++) {
      progress.accept("round " + round + " of " + settings.repeats() + ": " + perRound + " round trips, "
          + numbers.size() + " noop tasks and echo of " + ECHO_BYTES + " bytes on each transport and codec");
      for (int i = 0; i < open.size(); i++) {
        ProcessPool pool = open.get(i);
        IpcSetup point = points.get(i);
        roundTrips.get(point).add(RoundTripProbe.measure(pool, 0, perRound).nanos());
        long cpuBefore = cpuNanos(pool);
        long nanos = Batches.runOnce(pool, "noop", numbers, 1, Integer.MAX_VALUE);
        cpu.get(point).add((cpuNanos(pool) - cpuBefore) / 1000.0 / numbers.size());
        noop.get(point).add(nanos / 1000.0 / numbers.size());
        for (int bytes : ECHO_BYTES) {
          echo.get(bytes).get(point).add(bytes / echoMicrosPerTask(pool, bytes) * 1e6 / (1 << 20));
        }
      }
    }
    List<Column> columns = new ArrayList<>();
    for (IpcSetup point : points) {
      Map<Integer, Double> mibs = new LinkedHashMap<>();
      ECHO_BYTES.forEach(bytes -> mibs.put(bytes, Samples.median(echo.get(bytes).get(point))));
      columns.add(new Column(point, Samples.median(startups.get(point)),
          LatencySummary.ofNanos(roundTrips.get(point)), Samples.median(noop.get(point)),
          Samples.median(cpu.get(point)), mibs));
    }
    return new Result(settings, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        inFlight, columns, (System.nanoTime() - start) / 1e9);
  }

  private Map<IpcSetup, List<Double>> samples() {
    Map<IpcSetup, List<Double>> samples = new LinkedHashMap<>();
    points.forEach(point -> samples.put(point, new ArrayList<>()));
    return samples;
  }

  /** One windowed echo run of this payload size, in microseconds per task. */
  private double echoMicrosPerTask(ProcessPool pool, int bytes) {
    int tasks = settings.payloadTasks(bytes);
    List<Object> arguments = Collections.nCopies(tasks, "x".repeat(bytes));
    return Batches.runOnce(pool, "echo", arguments, 1, settings.payloadWindow(bytes)) / 1000.0 / tasks;
  }

  /**
   * CPU time so far of this JVM and the pool's workers. The workers' comes from the kernel in
   * clock ticks (10 ms), so a run should take a good part of a second.
   */
  private static long cpuNanos(ProcessPool pool) {
    long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    for (long pid : pool.pids()) {
      total += ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration())
          .map(Duration::toNanos).orElse(0L);
    }
    return total;
  }
}
