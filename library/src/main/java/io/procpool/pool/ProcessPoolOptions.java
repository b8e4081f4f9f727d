package io.procpool.pool;

import static java.util.Objects.requireNonNull;

import io.procpool.protocol.Codec;
import io.procpool.protocol.LargeValues;
import io.procpool.protocol.Protocol;
import io.procpool.shm.ShmWait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Settings of a process pool. Build with {@link #builder()}; every setting has a default.
 *
 * @param workers how many worker processes run at once
 * @param workerCommand the whole command that starts one worker; empty for the default
 *     ({@code java <jvmOptions> -cp <procpool and classpath> io.procpool.worker.WorkerMain})
 * @param jvmOptions extra options for the default command, e.g. {@code -Xmx256m}
 * @param classpath extra jars or folders with user tasks, for the default command
 * @param maxInFlight the most requests each worker may hold at once (one running, the rest
 *     queued in its stdin); the pool keeps fewer queued while tasks are long (about a
 *     millisecond of work, at least 2), and the worker's own limit from its hello applies too
 * @param maxTasksPerWorker replace a worker by a fresh one after this many tasks; 0 for never
 * @param initializer a task run once in each worker before its first task, or null
 * @param initializerArgument the initializer's argument
 * @param retries how many times a task is re-sent after its worker died holding it
 * @param timeout the longest a single task may run before its worker is killed; null for none
 * @param maxMessageBytes the longest line accepted from a worker
 * @param stderr receives each line a worker writes to stderr, already prefixed with its id
 * @param processPerTask start a fresh worker for every task (the {@code process-per-task} mode)
 * @param startTimeout a worker that has not said hello this long after its spawn is killed and
 *     counts as a failed start, so a command that never answers cannot hang the pool
 * @param workerArchive start default-command workers from an AppCDS archive of their classes,
 *     built in the background on first use (see {@code io.procpool.cds})
 * @param codec how the pool and its default-command workers encode messages (the wire format is
 *     the same with each; a {@code workerCommand} worker uses its own)
 * @param offLineThreshold strings longer than this many characters travel through shared memory
 *     instead of the line, to and from workers that say they can; 0 for never (above 0, this JVM
 *     needs {@code --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED} for Agrona's buffers)
 * @param transport how messages travel between the coordinator and each worker
 * @param shmWait how each side of a {@link Transport#SHM} connection waits for the other
 */
public record ProcessPoolOptions(
    int workers,
    List<String> workerCommand,
    List<String> jvmOptions,
    List<Path> classpath,
    int maxInFlight,
    int maxTasksPerWorker,
    String initializer,
    Object initializerArgument,
    int retries,
    Duration timeout,
    int maxMessageBytes,
    Consumer<String> stderr,
    boolean processPerTask,
    Duration startTimeout,
    boolean workerArchive,
    Codec codec,
    int offLineThreshold,
    Transport transport,
    ShmWait shmWait) {

  /**
   * The shortest line a pool may be limited to: a worker's hello and a failed call's stack trace
   * must fit on one. Below it nothing worked, yet the pool started: a worker refused 0, a few
   * hundred bytes failed every start, a thousand failed every call with "the result is 3 bytes
   * of JSON, more than one protocol line holds (1000 bytes)".
   */
  public static final int MIN_MAX_MESSAGE_BYTES = 64 * 1024;

  /** Enough for noop-sized tasks to cost a few microseconds each; see {@code docs/overhead.md}. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  public ProcessPoolOptions {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + workers);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
    if (maxTasksPerWorker < 0 || retries < 0) {
      throw new IllegalArgumentException("maxTasksPerWorker and retries cannot be negative");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (maxMessageBytes < MIN_MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("maxMessageBytes must be at least " + MIN_MAX_MESSAGE_BYTES
          + " (64 KiB: a worker's hello and a failed call's stack trace must fit on a line), was " + maxMessageBytes);
    }
    workerCommand = List.copyOf(workerCommand);
    jvmOptions = List.copyOf(jvmOptions);
    classpath = List.copyOf(classpath);
    requireNonNull(stderr, "stderr");
    requireNonNull(codec, "codec");
    if (offLineThreshold < 0) {
      throw new IllegalArgumentException("offLineThreshold cannot be negative, was " + offLineThreshold);
    }
    if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
    }
    requireNonNull(transport, "transport");
    requireNonNull(shmWait, "shmWait");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The default worker count: one per available processor, as Python's executor does. */
  public static int defaultWorkers() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Mutable builder; {@link #build()} checks the values. */
  public static final class Builder {
    private int workers = defaultWorkers();
    private List<String> workerCommand = List.of();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<Path> classpath = new ArrayList<>();
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private int maxTasksPerWorker;
    private String initializer;
    private Object initializerArgument;
    private int retries = 1;
    private Duration timeout;
    private int maxMessageBytes = Protocol.DEFAULT_MAX_LINE_BYTES;
    private Consumer<String> stderr = System.err::println;
    private boolean processPerTask;
    private Duration startTimeout = Duration.ofSeconds(60);
    private boolean workerArchive = true;
    private Codec codec = Codec.PROCPOOL;
    /** Off by default: measured, the files cost more than the line (docs/benchmarks.md). */
    private int offLineThreshold;
    private Transport transport = Transport.PIPE;
    private ShmWait shmWait = ShmWait.BACKOFF;

    private Builder() {}

    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    public Builder workerCommand(List<String> command) {
      this.workerCommand = List.copyOf(command);
      return this;
    }

    public Builder jvmOption(String option) {
      jvmOptions.add(requireNonNull(option));
      return this;
    }

    public Builder jvmOptions(List<String> options) {
      jvmOptions.addAll(options);
      return this;
    }

    public Builder classpath(List<Path> entries) {
      classpath.addAll(entries);
      return this;
    }

    public Builder maxInFlight(int maxInFlight) {
      this.maxInFlight = maxInFlight;
      return this;
    }

    public Builder maxTasksPerWorker(int maxTasksPerWorker) {
      this.maxTasksPerWorker = maxTasksPerWorker;
      return this;
    }

    public Builder initializer(String task, Object argument) {
      this.initializer = task;
      this.initializerArgument = argument;
      return this;
    }

    public Builder retries(int retries) {
      this.retries = retries;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder maxMessageBytes(int maxMessageBytes) {
      this.maxMessageBytes = maxMessageBytes;
      return this;
    }

    public Builder stderr(Consumer<String> stderr) {
      this.stderr = requireNonNull(stderr);
      return this;
    }

    /** A fresh worker JVM for every task, at most {@code workers} alive at once. */
    public Builder processPerTask(boolean processPerTask) {
      this.processPerTask = processPerTask;
      return this;
    }

    /** Whether workers start from a class-data archive when one can be kept (default: yes). */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = requireNonNull(startTimeout);
      return this;
    }

    public Builder workerArchive(boolean workerArchive) {
      this.workerArchive = workerArchive;
      return this;
    }

    /** The codec of the pool and its default-command workers (default: procpool's own). */
    public Builder codec(Codec codec) {
      this.codec = requireNonNull(codec);
      return this;
    }

    /**
     * Strings longer than this many characters go off the line, e.g.
     * {@link LargeValues#DEFAULT_THRESHOLD}; 0 for never (the default).
     */
    public Builder offLineThreshold(int offLineThreshold) {
      this.offLineThreshold = offLineThreshold;
      return this;
    }

    /** How messages travel to and from the workers (default: {@link Transport#PIPE}). */
    public Builder transport(Transport transport) {
      this.transport = requireNonNull(transport);
      return this;
    }

    /** How an {@code shm} transport waits for the other side (default: {@link ShmWait#BACKOFF}). */
    public Builder shmWait(ShmWait shmWait) {
      this.shmWait = requireNonNull(shmWait);
      return this;
    }

    public ProcessPoolOptions build() {
      return new ProcessPoolOptions(workers, workerCommand, jvmOptions, classpath, maxInFlight,
          maxTasksPerWorker, initializer, initializerArgument, retries, timeout, maxMessageBytes,
          stderr, processPerTask, startTimeout, workerArchive, codec,
          offLineThreshold, transport, shmWait);
    }
  }
}
