package io.procpool.overhead;

import io.procpool.pool.TaskPool;
import io.procpool.process.ProcessPool;
import io.procpool.protocol.VectorScans;
import io.procpool.task.TaskRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** Runs every probe in turn and collects an {@link OverheadReport}. */
public final class OverheadRun {
  private final OverheadSettings settings;
  private final IpcSetup ipc;
  private final ProcessPools pools;
  private final TaskRegistry registry;
  private final Consumer<String> progress;

  /**
   * The default pipes, codec and values on the line.
   *
   * @param jvmOptions extra options for the worker JVMs
   * @param workerStderr receives the workers' stderr lines
   * @param progress receives a line as each probe starts
   */
  public OverheadRun(OverheadSettings settings, List<String> jvmOptions, Consumer<String> workerStderr,
      Consumer<String> progress) {
    this(settings, jvmOptions, IpcSetup.defaults(), workerStderr, progress);
  }

  /** @param ipc the process pools' transport, codec and values off the line */
  public OverheadRun(OverheadSettings settings, List<String> jvmOptions, IpcSetup ipc,
      Consumer<String> workerStderr, Consumer<String> progress) {
    this.settings = settings;
    this.ipc = ipc;
    this.pools = new ProcessPools(settings.workers(), jvmOptions, ipc.codec(), ipc.offLineThreshold(), workerStderr,
        ipc.transport(), ipc.shmWait());
    this.registry = TaskRegistry.builtIn();
    this.progress = progress;
  }

  public OverheadReport run() {
    long start = System.nanoTime();
    progress.accept("start-up: " + settings.starts() + " pool starts of " + settings.workers() + " workers");
    StartupProbe.Result startup = StartupProbe.measure(pools, settings.starts());

    List<ThroughputPoint> throughput = new ArrayList<>();
    List<Integer> chunksizes = OverheadSettings.CHUNKSIZES;
    List<Object> numbers = Batches.numbers(settings.tasks());
    int defaultInFlight = pools.defaultInFlight();
    RoundTripFigures roundTrip;
    List<PayloadPoint> payload = new ArrayList<>();
    TypedProbe.Figures typed;
    try (ProcessPool pool = pools.start()) {
      progress.accept("round trips: " + settings.roundTrips() + " after " + settings.warmupRoundTrips() + " warm-up");
      roundTrip = RoundTripProbe.measure(pool, settings.warmupRoundTrips(), settings.roundTrips());
      progress.accept("per-task cost: process, chunksizes " + chunksizes);
      for (int chunksize : chunksizes) {
        throughput.add(point(pool, "process", numbers, chunksize, defaultInFlight));
      }
      progress.accept("typed calls: a 5-field record, and map(identity, ints, 1000)");
      // 50 T ints: the 1,000,000 at the default T, a map of about a second at most.
      typed = TypedProbe.measure(pool, settings.tasks(), 50 * settings.tasks(), settings.repeats());
      progress.accept("payload: echo of " + OverheadSettings.PAYLOAD_BYTES + " bytes");
      for (int bytes : OverheadSettings.PAYLOAD_BYTES) {
        payload.add(payload(pool, bytes));
      }
    }
    progress.accept("per-task cost: process, in-flight " + OverheadSettings.IN_FLIGHTS);
    for (int inFlight : OverheadSettings.IN_FLIGHTS) {
      if (inFlight == defaultInFlight) {
        continue; // measured above
      }
      try (ProcessPool pool = pools.start(inFlight)) {
        throughput.add(point(pool, "process", numbers, 1, inFlight));
      }
    }
    progress.accept("per-task cost: thread and serial");
    try (TaskPool threads = TaskPool.threads(registry, settings.workers())) {
      for (int chunksize : chunksizes) {
        throughput.add(point(threads, "thread", numbers, chunksize, 0));
      }
    }
    try (TaskPool serial = TaskPool.serial(registry)) {
      for (int chunksize : chunksizes) {
        throughput.add(point(serial, "serial", numbers, chunksize, 0));
      }
    }
    progress.accept("run's own cost: run of noop on a serial pool, chunksize " + RunCostProbe.CHUNKSIZE + ", --json");
    throughput.addAll(RunCostProbe.measure(registry, Math.max(settings.tasks(), 10 * RunCostProbe.CHUNKSIZE),
        settings.repeats()));
    progress.accept("codec: encode and decode in-process");
    CodecFigures codec = CodecProbe.measure(Math.max(1000, settings.tasks() * 5));
    double seconds = (System.nanoTime() - start) / 1e9;
    return new OverheadReport(settings, ipc, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), VectorScans.enabled(), defaultInFlight, startup.figures(), startup.archiveStatus(),
        roundTrip, throughput, payload, codec, TimeSplit.of(roundTrip, codec), typed, seconds);
  }

  private ThroughputPoint point(TaskPool pool, String mode, List<Object> numbers, int chunksize, int inFlight) {
    double micros = Batches.medianMicros(pool, "noop", numbers, chunksize, Integer.MAX_VALUE,
        Batches.warmupFor(numbers), settings.repeats());
    return new ThroughputPoint(mode, chunksize, inFlight, numbers.size(), settings.repeats(), micros / numbers.size());
  }

  private PayloadPoint payload(TaskPool pool, int bytes) {
    int tasks = settings.payloadTasks(bytes);
    String argument = "x".repeat(bytes);
    List<Object> arguments = Collections.nCopies(tasks, argument);
    Object echoed = pool.execute("echo", argument).join().value();
    if (!argument.equals(echoed)) {
      throw new IllegalStateException("echo of " + bytes + " bytes came back different");
    }
    // One batch of warm-up: the noop runs before have compiled the same codec paths.
    double micros = Batches.medianMicros(pool, "echo", arguments, 1, settings.payloadWindow(bytes), 1,
        settings.repeats());
    return new PayloadPoint(bytes, tasks, settings.repeats(), micros / tasks);
  }
}
