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
 * {@code overhead --transports}: the points that depend on the transport, measured on every
 * transport in one run. Each round measures every transport in turn, one pool per transport
 * open side by side, so that all see the same machine load; each figure is the median of the
 * rounds (the round trips are pooled into one histogram per transport).
 */
public final class TransportComparison {
  /** The echo payloads compared. */
  public static final List<Integer> ECHO_BYTES = List.of(1 << 10, 64 << 10, 1 << 20);
  private static final Duration ARCHIVE_WAIT = Duration.ofSeconds(90);

  private final OverheadSettings settings;
  private final List<Transport> transports;
  private final List<String> jvmOptions;
  private final ShmWait shmWait;
  private final Consumer<String> workerStderr;
  private final Consumer<String> progress;

  /**
   * @param shmWait how an {@code shm} transport waits
   * @param workerStderr receives the workers' stderr lines
   * @param progress receives a line as each stage starts
   */
  public TransportComparison(OverheadSettings settings, List<Transport> transports, List<String> jvmOptions,
      ShmWait shmWait, Consumer<String> workerStderr, Consumer<String> progress) {
    this.shmWait = shmWait;
    this.settings = settings;
    this.transports = List.copyOf(transports);
    this.jvmOptions = List.copyOf(jvmOptions);
    this.workerStderr = workerStderr;
    this.progress = progress;
  }

  /**
   * One transport's figures.
   *
   * @param startupP50Millis median worker spawn-to-ready
   * @param roundTrip one-in-flight noop round trip
   * @param noopMicros noop per task, chunksize 1, all submitted at once (the pool's default in-flight)
   * @param cpuMicrosPerTask CPU time of the coordinator and the workers together per noop task of that run
   * @param echoMiBPerSecond echo throughput by payload size ({@link #ECHO_BYTES})
   */
  public record Column(Transport transport, double startupP50Millis, LatencySummary roundTrip, double noopMicros,
      double cpuMicrosPerTask, Map<Integer, Double> echoMiBPerSecond) {}

  /** Everything one comparison measured, the transports in the order asked. */
  public record Result(OverheadSettings settings, int cpus, String java, int inFlight, List<Column> columns,
      double seconds) {}

  public Result run() {
    long start = System.nanoTime();
    Map<Transport, ProcessPools> pools = new LinkedHashMap<>();
    transports.forEach(transport -> pools.put(transport,
        new ProcessPools(settings.workers(), jvmOptions, Codec.PROCPOOL, 0, workerStderr, transport, shmWait)));
    progress.accept("start-up: " + settings.starts() + " pool starts per transport, alternating");
    Map<Transport, List<Double>> startups = samples();
    ProcessPools first = pools.values().iterator().next();
    first.archive().filter(archive -> !archive.ready()).ifPresent(archive -> {
      first.start().close(); // builds the class-data archive in the background, before anything is timed
      archive.awaitReady(ARCHIVE_WAIT);
    });
    for (int i = 0; i < settings.starts(); i++) {
      pools.forEach((transport, factory) -> {
        try (ProcessPool pool = factory.start()) {
          for (WorkerStartup startup : pool.startups()) {
            startups.get(transport).add(startup.spawnToReadyMicros() / 1000.0);
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

  private Result measure(List<ProcessPool> open, Map<Transport, List<Double>> startups, int inFlight, long start) {
    List<Object> numbers = Batches.numbers(settings.tasks());
    int perRound = Math.max(1, settings.roundTrips() / settings.repeats());
    progress.accept("warm-up: round trips, noop and echo on each transport");
    for (ProcessPool pool : open) {
      RoundTripProbe.measure(pool, settings.warmupRoundTrips(), 1);
      Batches.medianMicros(pool, "noop", numbers, 1, Integer.MAX_VALUE, Batches.warmupFor(numbers), 1);
      for (int bytes : ECHO_BYTES) {
        echoMicrosPerTask(pool, bytes);
      }
    }
    Map<Transport, Histogram> roundTrips = new LinkedHashMap<>();
    Map<Transport, List<Double>> noop = samples();
    Map<Transport, List<Double>> cpu = samples();
    Map<Integer, Map<Transport, List<Double>>> echo = new LinkedHashMap<>();
    ECHO_BYTES.forEach(bytes -> echo.put(bytes, samples()));
    transports.forEach(transport -> roundTrips.put(transport, LatencySummary.newNanosHistogram()));
    for (int round = 1; round <= settings.repeats(); round++) {
      progress.accept("round " + round + " of " + settings.repeats() + ": " + perRound + " round trips, "
          + numbers.size() + " noop tasks and echo of " + ECHO_BYTES + " bytes on each transport");
      for (int i = 0; i < open.size(); i++) {
        ProcessPool pool = open.get(i);
        Transport transport = transports.get(i);
        roundTrips.get(transport).add(RoundTripProbe.measure(pool, 0, perRound).nanos());
        long cpuBefore = cpuNanos(pool);
        long nanos = Batches.runOnce(pool, "noop", numbers, 1, Integer.MAX_VALUE);
        cpu.get(transport).add((cpuNanos(pool) - cpuBefore) / 1000.0 / numbers.size());
        noop.get(transport).add(nanos / 1000.0 / numbers.size());
        for (int bytes : ECHO_BYTES) {
          echo.get(bytes).get(transport).add(bytes / echoMicrosPerTask(pool, bytes) * 1e6 / (1 << 20));
        }
      }
    }
    List<Column> columns = new ArrayList<>();
    for (Transport transport : transports) {
      Map<Integer, Double> mibs = new LinkedHashMap<>();
      ECHO_BYTES.forEach(bytes -> mibs.put(bytes, Samples.median(echo.get(bytes).get(transport))));
      columns.add(new Column(transport, Samples.median(startups.get(transport)),
          LatencySummary.ofNanos(roundTrips.get(transport)), Samples.median(noop.get(transport)),
          Samples.median(cpu.get(transport)), mibs));
    }
    return new Result(settings, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        inFlight, columns, (System.nanoTime() - start) / 1e9);
  }

  private Map<Transport, List<Double>> samples() {
    Map<Transport, List<Double>> samples = new LinkedHashMap<>();
    transports.forEach(transport -> samples.put(transport, new ArrayList<>()));
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
