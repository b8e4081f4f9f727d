package io.procpool.process;

import io.procpool.cds.WorkerArchive;
import io.procpool.protocol.Clocks;
import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.Mode;
import io.procpool.pool.PoolClosedException;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskPool;
import io.procpool.protocol.JsonValues;
import io.procpool.protocol.LineBudget;
import io.procpool.protocol.Message;
import io.procpool.protocol.Protocol;
import io.procpool.protocol.ProtocolException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A pool of worker processes, each reached through a {@link Connection}.
 *
 * <p>Work goes to the least-loaded ready worker (dynamic balancing), up to {@code maxInFlight}
 * requests each. A worker that dies is noticed from the end of its connection; the request it
 * was running is retried on a fresh worker (up to {@code retries} times), those queued behind it
 * are re-sent without penalty, and a replacement starts. Every future completes exactly once.
 *
 * <p>This class is the facade that holds the lock. The decisions are {@link PoolCore}'s, made
 * under it; what they call for ({@link Effects}: writes, kills, launches, the user's stderr
 * sink, completing futures) is carried out after the lock is released, and a write to another
 * worker never runs on one worker's reader thread.
 */
public final class ProcessPool implements TaskPool {
  private final ProcessPoolOptions options;
  private final Optional<WorkerArchive> archive;
  private final Endpoint endpoint;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PoolCore core;
  private final ExecutorService writers = Executors.newCachedThreadPool(work -> {
    Thread thread = new Thread(work, "procpool-writer");
    thread.setDaemon(true);
    return thread;
  });
  private final FutureLedger ledger = new FutureLedger();
  private final Stopping stopping;
  private long startupMillis;
  /** The default command's class path, once asked for; null before. */
  private volatile Optional<String> workerClassPath;

  private ProcessPool(ProcessPoolOptions options) {
    this.options = options;
    JsonValues.checkDepth(options.initializerArgument(), Protocol.MAX_VALUE_DEPTH);
    this.archive = WorkerCommand.archive(options);
    if (options.offLineThreshold() > 0) {
      ValueFiles.requireAccess();
    }
    ValueFiles.removeLeftovers(); // of coordinators killed before they could delete their own
    this.endpoint = Endpoints.open(options);
    List<String> reach = endpoint.workerArguments();
    Launcher plain = new Launcher(concat(WorkerCommand.of(options, Optional.empty()), reach), options.stderr());
    Launcher launcher = archive.<Launcher>map(ready ->
        new ArchiveFallbackLauncher(ready, concat(WorkerCommand.of(options, archive), reach), plain)).orElse(plain);
    boolean perTask = options.processPerTask();
    Dispatcher dispatcher = new Dispatcher(options.retries(), perTask ? 1 : options.maxInFlight(),
        perTask ? 1 : options.maxTasksPerWorker(), System::nanoTime, Clocks::epochMicros);
    Supervisor supervisor = new Supervisor(options.startTimeout(), options.timeout(), System::nanoTime);
    this.core = new PoolCore(options, launcher, dispatcher, supervisor, changed, Clocks::epochMicros);
    this.stopping = new Stopping(lock, changed, core, writers, endpoint);
  }

  private static List<String> concat(List<String> command, List<String> arguments) {
    if (arguments.isEmpty()) {
      return command;
    }
    List<String> all = new ArrayList<>(command);
    all.addAll(arguments);
    return all;
  }

  /**
   * Starts all workers and waits until each has said hello (and run the initializer). A worker
   * that fails to start is replaced, up to a few times in a row. A shutdown or kill from another
   * thread, an interrupt of the calling thread, or the coordinator's exit stops the launching at
   * once; the workers launched so far are killed.
   *
   * @throws WorkerStartException when workers cannot be started, naming the first cause
   */
  public static ProcessPool start(ProcessPoolOptions options) {
    long start = System.nanoTime(); // the pool's own set-up (the archive's name, say) counts too
    ProcessPool pool = new ProcessPool(options);
    pool.core.supervisor.start(pool::tick);
    String failure = new Startup(pool.lock, pool.changed, pool.core).run(
        Math.min(StartFailures.LIMIT, options.workers()), () -> new Effects(options.stderr(), pool.ledger),
        effects -> pool.finish(effects, null));
    if (failure != null) {
      pool.kill();
      pool.stopping.awaitWorkersGone();
      throw new WorkerStartException(failure);
    }
    pool.startupMillis = (System.nanoTime() - start) / 1_000_000;
    // Built after the start, not during it: on a small machine it would compete with the workers.
    pool.archive.ifPresent(WorkerArchive::buildInBackground);
    return pool;
  }

  @Override
  public Mode mode() {
    return options.processPerTask() ? Mode.PROCESS_PER_TASK : Mode.PROCESS;
  }

  @Override
  public int workers() {
    return options.workers();
  }

  @Override
  public long startupMillis() {
    return startupMillis;
  }

  @Override
  public Optional<String> workerClassPath() {
    Optional<String> known = workerClassPath;
    if (known == null) {
      // Worked out once: it walks code sources and class loaders, and typed calls ask per submit.
      known = options.workerCommand().isEmpty()
          ? Optional.of(WorkerCommand.classPath(options.classpath()))
          : Optional.empty();
      workerClassPath = known;
    }
    return known;
  }

  /** Per-worker start-up figures of the workers alive now: spawn-to-ready and procpool's own part. */
  public List<WorkerStartup> startups() {
    return locked(() -> core.workers.stream().filter(worker -> worker.hello != null)
        .map(worker -> new WorkerStartup(worker.id, worker.pid(), worker.readyAt - worker.process.spawnedAt,
            worker.hello.initMicros()))
        .toList());
  }

  /** When each worker that ever said hello was spawned and became ready, in order. */
  public List<WorkerStart> startHistory() {
    return locked(() -> List.copyOf(core.starts));
  }

  /** Every worker's first protocol violation so far, whether or not its tasks later succeeded. */
  public List<ProtocolViolation> violations() {
    return locked(() -> List.copyOf(core.violations));
  }

  /** The pids of the worker processes alive now. */
  public List<Long> pids() {
    return locked(() -> core.workers.stream().filter(worker -> worker.process != null).map(Worker::pid).toList());
  }

  /** How many worker processes this pool has started, replacements included. */
  public int launchedCount() {
    return locked(() -> core.launched);
  }

  /**
   * The pool's own invariants, checked after it has been shut down and waited for: every
   * future it issued ended exactly once, no worker is left, nothing is left queued. Returns
   * what is broken, or nothing.
   */
  List<String> audit() {
    return locked(() -> stopping.leftOver(ledger));
  }

  /** The pid of every worker process this pool started. */
  List<Long> launchedPids() {
    return locked(() -> List.copyOf(core.launchedPids));
  }

  @Override
  public List<CompletableFuture<Execution>> executeChunk(String task, List<?> arguments) {
    if (arguments.isEmpty()) {
      throw new IllegalArgumentException("a chunk needs at least one argument");
    }
    // Refused here, to the caller: a value that fails to encode half-way through a write would
    // leave the worker waiting for the rest of a request that never comes.
    LineBudget line = LineBudget.forArguments(task, Protocol.DEFAULT_MAX_LINE_BYTES,
        options.workerCommand().isEmpty() ? options.offLineThreshold() : 0); // only procpool's worker takes them off
    for (Object argument : arguments) {
      JsonValues.checkDepth(argument, Protocol.MAX_VALUE_DEPTH);
      line.take(argument); // the worker reads lines of at most 256 MiB
    }
    List<CompletableFuture<Execution>> futures = endpoint.newFutures(arguments.size());
    Chunk chunk = new Chunk(task, new ArrayList<>(arguments), futures, false);
    act(null, effects -> {
      if (LiveWorkers.stopping()) {
        throw new PoolClosedException(mode(), "the JVM is shutting down");
      }
      if (core.shutdown) {
        throw new PoolClosedException(mode());
      }
      ledger.issued(futures.size());
      core.submit(chunk, effects);
    });
    return futures;
  }

  @Override
  public void shutdown(boolean wait, boolean cancelPending) {
    act(null, effects -> core.shutdown(cancelPending, effects));
    if (wait) {
      stopping.awaitWorkersGone();
    }
  }

  /**
   * Kills every worker at once, without waiting for running tasks: those fail with
   * {@link FailureKind#WORKER_DIED} and are not retried; queued tasks are cancelled.
   */
  public void kill() {
    act(null, core::killAll);
  }

  /**
   * {@inheritDoc} The task each worker runs at the stop gets the grace; the tasks it holds queued
   * behind that one were sent but not started, so once the running ones are done (or the grace is
   * over) the workers are killed and those complete as cancelled, or as values if a worker that
   * finished early got to them meanwhile.
   */
  @Override
  public void stop(Duration grace) {
    shutdown(/* wait= */ false, /* cancelPending= */ true);
    long deadline = System.nanoTime() + grace.toNanos();
    act(null, effects -> stopping.killAfterGrace(deadline, effects));
    stopping.awaitWorkersGone();
  }

  private void tick() {
    act(null, core::onTick);
  }

  /** Carries out what was decided under the lock; launches last, one by one. */
  private void finish(Effects effects, Connection own) {
    effects.run(own);
    for (Worker worker : effects.launches()) {
      launch(worker);
    }
  }

  private void launch(Worker worker) {
    WorkerProcess process = null;
    Connection connection;
    try {
      process = core.launcher.launch(worker.id, endpoint.workerArguments(worker.id));
      connection = endpoint.connect(process, options.maxMessageBytes(), writers);
    } catch (IOException e) {
      if (process != null) {
        process.kill();
      }
      String why = "cannot run " + core.launcher.command().get(0) + ": " + e.getMessage();
      act(null, effects -> core.launchFailed(worker, why, effects));
      return;
    }
    WorkerProcess started = process;
    act(null, effects -> core.attached(worker, started, connection, effects));
    connection.start(new Events(worker, connection));
  }

  /** Decides under the lock, then carries the decision out after it on this thread. */
  private <T> T decide(Connection own, Function<Effects, T> decision) {
    Effects effects = new Effects(options.stderr(), ledger);
    T result;
    lock.lock();
    try {
      result = decision.apply(effects);
    } finally {
      lock.unlock();
    }
    finish(effects, own);
    return result;
  }

  private void act(Connection own, Consumer<Effects> decision) {
    decide(own, effects -> {
      decision.accept(effects);
      return null;
    });
  }

  private <T> T locked(Supplier<T> query) {
    lock.lock();
    try {
      return query.get();
    } finally {
      lock.unlock();
    }
  }

  /** One worker's connection events, each decided under the lock and carried out after it. */
  private final class Events implements Connection.Listener {
    private final Worker worker;
    private final Connection connection;

    Events(Worker worker, Connection connection) {
      this.worker = worker;
      this.connection = connection;
    }

    @Override
    public void onMessage(Message message, boolean moreBuffered) {
      act(connection, effects -> core.messages.onMessage(worker, message, moreBuffered, effects));
    }

    @Override
    public boolean onBadLine(ProtocolException bad) {
      return decide(connection, effects -> core.messages.onBadLine(worker, bad, effects));
    }

    @Override
    public void onReadFailed(Throwable failure) {
      act(connection, effects -> core.messages.onReadFailed(worker, failure, effects));
    }

    @Override
    public void onEnd() {
      WorkerProcess.End end = worker.process.describeEnd(connection.heldOpen()); // may wait: outside the lock
      act(connection, effects -> core.onEnd(worker, end, effects));
      if (locked(() -> core.shutdown && core.workers.isEmpty())) {
        endpoint.close(); // a shutdown without waiting leaves nothing behind either
      }
    }
  }
}
