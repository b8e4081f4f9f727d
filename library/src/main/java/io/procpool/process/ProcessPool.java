package io.procpool.process;

import io.procpool.cds.WorkerArchive;
import io.procpool.cds.WorkerEnd;
import io.procpool.pool.Clocks;
import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.Mode;
import io.procpool.pool.PoolClosedException;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskFailure;
import io.procpool.pool.TaskPool;
import io.procpool.protocol.Done;
import io.procpool.protocol.Hello;
import io.procpool.protocol.Invalid;
import io.procpool.protocol.JsonValues;
import io.procpool.protocol.Message;
import io.procpool.protocol.Outcome;
import io.procpool.protocol.Protocol;
import io.procpool.protocol.ProtocolException;
import io.procpool.protocol.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A pool of worker JVMs fed over their stdin and read from their stdout.
 *
 * <p>Work goes to the least-loaded ready worker (dynamic balancing), up to
 * {@code maxInFlight} requests each. A worker that dies is noticed from the end of its stdout;
 * the request it was running is retried on a fresh worker (up to {@code retries} times), those
 * queued behind it are re-sent without penalty, and a replacement starts. Every future
 * completes exactly once.
 *
 * <p>All mutable state is guarded by {@link #lock}. Decisions are made under it and carried
 * out after it is released ({@link Effects}): writes to workers' stdin, so a worker slow to
 * read never stalls the pool, and completing futures, so callers' callbacks never run inside it.
 */
public final class ProcessPool implements TaskPool {
  /** Non-protocol lines tolerated before the hello (JVM warnings, say) before giving up. */
  private static final int MAX_NOISE_LINES_BEFORE_HELLO = 100;
  /** How long a worker that refused a request has to exit on its own before it is killed. */
  private static final long INVALID_EXIT_GRACE_MILLIS = 1000;

  private final ProcessPoolOptions options;
  private final Optional<WorkerArchive> archive;
  /** Pool lock after construction: drops the archive if a worker cannot start with it. */
  private List<String> command;
  private final int maxTasksPerWorker;
  private final int maxInFlight;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final WorkQueue pending;
  private final Set<WorkerProcess> workers = new LinkedHashSet<>();
  /** Workers launched with the archive's options and not yet ended. */
  private final Set<WorkerProcess> startedFromArchive = new java.util.HashSet<>();
  private final AtomicLong ids = new AtomicLong();
  private final ScheduledExecutorService watchdog;
  private int launched;
  private final StartFailures startFailures = new StartFailures();
  private boolean shutdown;
  /** Until {@link #start} returns, it alone starts workers, with its own failure limit. */
  private boolean started;
  private long startupMillis;
  /** Every worker that said hello, replacements included, in order. */
  private final List<WorkerStart> starts = new ArrayList<>();
  /** The default command's class path, once asked for; null before. */
  private volatile Optional<String> workerClassPath;

  private ProcessPool(ProcessPoolOptions options) {
    this.options = options;
    JsonValues.checkDepth(options.initializerArgument(), Protocol.MAX_VALUE_DEPTH);
    this.archive = WorkerCommand.archive(options);
    this.command = WorkerCommand.of(options, archive);
    this.maxTasksPerWorker = options.processPerTask() ? 1 : options.maxTasksPerWorker();
    this.maxInFlight = options.processPerTask() ? 1 : options.maxInFlight();
    this.pending = new WorkQueue(options.retries(), options.stderr());
    this.watchdog = options.timeout() == null ? null : Executors.newSingleThreadScheduledExecutor(work -> {
      Thread thread = new Thread(work, "procpool-timeouts");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Starts all workers and waits until each has said hello (and run the initializer). A worker
   * that fails to start is replaced, up to a few times in a row.
   *
   * @throws WorkerStartException when workers cannot be started
   */
  public static ProcessPool start(ProcessPoolOptions options) {
    long start = System.nanoTime(); // the pool's own set-up (the archive's name, say) counts too
    ProcessPool pool = new ProcessPool(options);
    int maxFailures = Math.min(StartFailures.LIMIT, options.workers());
    pool.lock.lock();
    try {
      while (pool.readyCount() < options.workers()) {
        while (pool.workers.size() < options.workers() && !pool.startFailures.reached(maxFailures)) {
          pool.launch();
        }
        if (pool.startFailures.reached(maxFailures)) {
          pool.lock.unlock();
          try {
            pool.shutdown(/* wait= */ true, /* cancelPending= */ true);
          } finally {
            pool.lock.lock();
          }
          throw new WorkerStartException("could not start worker processes with command "
              + pool.command + ": " + pool.startFailures.last());
        }
        pool.changed.awaitUninterruptibly();
      }
      pool.startupMillis = (System.nanoTime() - start) / 1_000_000;
      pool.started = true;
    } finally {
      pool.lock.unlock();
    }
    // Built after the start, not during it: on a small machine it would compete with the workers.
    pool.archive.ifPresent(WorkerArchive::buildInBackground);
    if (pool.watchdog != null) {
      long tick = Math.max(5, Math.min(100, options.timeout().toMillis() / 10));
      pool.watchdog.scheduleWithFixedDelay(pool::killOverdueWorkers, tick, tick, TimeUnit.MILLISECONDS);
    }
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
    lock.lock();
    try {
      List<WorkerStartup> list = new ArrayList<>();
      for (WorkerProcess worker : workers) {
        if (worker.hello != null) {
          list.add(new WorkerStartup(worker.id, worker.pid(), worker.readyAt - worker.spawnedAt,
              worker.hello.initMicros()));
        }
      }
      return list;
    } finally {
      lock.unlock();
    }
  }

  /** When each worker that ever said hello was spawned and became ready, in order. */
  public List<WorkerStart> startHistory() {
    lock.lock();
    try {
      return List.copyOf(starts);
    } finally {
      lock.unlock();
    }
  }

  /** The pids of the worker processes alive now. */
  public List<Long> pids() {
    lock.lock();
    try {
      return workers.stream().map(WorkerProcess::pid).toList();
    } finally {
      lock.unlock();
    }
  }

  /** How many worker processes this pool has started, replacements included. */
  public int launchedCount() {
    lock.lock();
    try {
      return launched;
    } finally {
      lock.unlock();
    }
  }

  /** The pid of the worker running the request that holds this future, or -1; for tests. */
  long pidRunning(CompletableFuture<Execution> future) {
    lock.lock();
    try {
      for (WorkerProcess worker : workers) {
        Chunk head = worker.inFlight.peekFirst();
        if (head != null && head.futures.contains(future)) {
          return worker.pid();
        }
      }
      return -1;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<CompletableFuture<Execution>> executeChunk(String task, List<?> arguments) {
    if (arguments.isEmpty()) {
      throw new IllegalArgumentException("a chunk needs at least one argument");
    }
    // Refused here, to the caller: a value that fails to encode half-way through a write would
    // leave the worker waiting for the rest of a request that never comes.
    arguments.forEach(argument -> JsonValues.checkDepth(argument, Protocol.MAX_VALUE_DEPTH));
    List<CompletableFuture<Execution>> futures = Execution.newFutures(arguments.size());
    Chunk chunk = new Chunk(task, new ArrayList<>(arguments), futures, false);
    Effects effects = new Effects(options.stderr());
    lock.lock();
    try {
      if (shutdown) {
        throw new PoolClosedException(mode());
      }
      pending.add(chunk);
      dispatch(effects);
    } finally {
      lock.unlock();
    }
    effects.run();
    return futures;
  }

  @Override
  public void shutdown(boolean wait, boolean cancelPending) {
    Effects effects = new Effects(options.stderr());
    List<Process> processes;
    lock.lock();
    try {
      shutdown = true;
      if (cancelPending) {
        pending.cancelAll(effects);
      }
      retireIdleWorkers(effects);
      stopWatchdogWhenIdle();
      processes = workers.stream().map(worker -> worker.process).toList();
    } finally {
      lock.unlock();
    }
    effects.run();
    if (wait) {
      awaitWorkersGone(processes);
      if (watchdog != null) {
        watchdog.shutdownNow();
      }
    }
  }

  /** Waits for every worker to finish its work and exit, and for the pool to empty. */
  private void awaitWorkersGone(List<Process> processes) {
    lock.lock();
    try {
      while (!workers.isEmpty() || !pending.isEmpty()) {
        changed.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          LiveWorkers.killTree(process.toHandle());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LiveWorkers.killTree(process.toHandle());
      }
    }
  }

  /**
   * Kills every worker at once, without waiting for running tasks: those fail with
   * {@link FailureKind#WORKER_DIED} and are not retried; queued tasks are cancelled.
   */
  public void kill() {
    List<WorkerProcess> all;
    shutdown(/* wait= */ false, /* cancelPending= */ true);
    lock.lock();
    try {
      all = new ArrayList<>(workers);
      all.forEach(worker -> worker.ending = WorkerProcess.Ending.KILLED);
    } finally {
      lock.unlock();
    }
    all.forEach(WorkerProcess::kill);
  }

  Consumer<String> stderrSink() {
    return options.stderr();
  }

  // ---- events from the workers' reader threads ----

  void onMessage(WorkerProcess worker, Message message) {
    onMessage(worker, message, false);
  }

  /**
   * @param moreBuffered another whole line from this worker is already read: the worker still
   *     holds work, so sending to it can wait for the end of the burst and go out in one write
   */
  void onMessage(WorkerProcess worker, Message message, boolean moreBuffered) {
    Effects effects = new Effects(options.stderr());
    lock.lock();
    try {
      if (worker.state == WorkerProcess.State.DEAD) {
        return; // its end was declared while a process it left behind held stdout open
      }
      if (message instanceof Hello hello) {
        onHello(worker, hello, effects);
      } else if (message instanceof Done done) {
        onDone(worker, done, effects);
      } else if (message instanceof Invalid invalid) {
        onInvalid(worker, invalid);
      } else {
        breakChannel(worker, "unexpected \"" + message.type() + "\" message from worker " + worker.id);
      }
      if (!moreBuffered || worker.inFlight.isEmpty()) {
        dispatch(effects);
      }
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /**
   * A line that is not a protocol message. Before the hello it is noise (a JVM warning, say) and
   * is only reported, up to a limit; after it the channel can no longer be trusted, so the
   * worker is replaced.
   *
   * @return whether to keep reading
   */
  boolean onBadLine(WorkerProcess worker, ProtocolException bad) {
    lock.lock();
    try {
      if (worker.state == WorkerProcess.State.DEAD) {
        return false;
      }
      String problem = "protocol error from worker " + worker.id + " (pid " + worker.pid() + "): "
          + bad.getMessage();
      if (worker.crashBanner.accept(bad)) {
        options.stderr().accept("[" + worker.id + "] " + CrashBanner.unquoted(bad.excerpt()));
        return true; // the JVM is dying; its end is reported as a crash
      }
      if (worker.hello == null && ++worker.noiseLines <= MAX_NOISE_LINES_BEFORE_HELLO) {
        options.stderr().accept("[" + worker.id + "] ignored before handshake: " + bad.getMessage());
        return true;
      }
      options.stderr().accept("[" + worker.id + "] " + problem + "; replacing the worker");
      breakChannel(worker, problem);
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Reading the worker's stdout failed; the worker is killed, since nobody would read it. */
  void onReaderFailed(WorkerProcess worker, Throwable failure) {
    lock.lock();
    try {
      String problem = "reading the stdout of worker " + worker.id + " (pid " + worker.pid() + ") failed: " + failure;
      options.stderr().accept("[" + worker.id + "] " + problem);
      breakChannel(worker, problem);
    } finally {
      lock.unlock();
    }
  }

  /** The worker's stdout ended: it exited, crashed or was killed. */
  void onEnd(WorkerProcess worker) {
    WorkerProcess.End end = worker.describeEnd(); // may wait briefly: outside the lock
    Effects effects = new Effects(options.stderr());
    lock.lock();
    try {
      boolean started = worker.hello != null;
      boolean heldTask = worker.inFlight.stream().anyMatch(chunk -> !chunk.initializer);
      boolean unexpected = worker.ending != WorkerProcess.Ending.CLOSED
          && worker.ending != WorkerProcess.Ending.KILLED;
      worker.state = WorkerProcess.State.DEAD;
      workers.remove(worker);
      String why = worker.endReason(end, options.timeout());
      boolean keepArchive = true;
      if (startedFromArchive.remove(worker)
          && (worker.ending == WorkerProcess.Ending.NONE || end.cause() == WorkerEnd.Cause.CRASH)) {
        keepArchive = archive.get().workerEnded(new WorkerEnd(end.cause(), started, end.summary()));
        if (!keepArchive) {
          command = WorkerCommand.of(options, Optional.empty());
        }
      }
      if (!started && !keepArchive && !shutdown) {
        // A speed-up must never break a start: start the worker again without the archive.
        options.stderr().accept("[" + worker.id + "] failed to start with the class-data archive; "
            + "starting it without: " + why);
        pending.takeBack(worker, worker.failureKind(), why, end.stderrTail(), effects);
        launch();
        changed.signalAll();
        return;
      }
      if (!started && !shutdown) {
        options.stderr().accept("[" + worker.id + "] failed to start: " + why);
      } else if (started && !shutdown && (unexpected || !worker.inFlight.isEmpty())) {
        options.stderr().accept("[" + worker.id + "] " + why.lines().findFirst().orElse(why));
      }
      // A worker that died before doing any work, and not because of a task it ran, speaks
      // against the command; counting those stops an endless cycle of doomed replacements.
      // Unless the archive was to blame: the command it spoke against is no longer used.
      if (keepArchive && (!started || (unexpected && !heldTask && !worker.proven))) {
        startFailures.failed(why);
      }
      pending.takeBack(worker, worker.failureKind(), why, end.stderrTail(), effects);
      dispatch(effects);
      stopWatchdogWhenIdle();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  // ---- everything below runs under the lock ----

  private void onHello(WorkerProcess worker, Hello hello, Effects effects) {
    if (worker.hello != null) {
      breakChannel(worker, "worker " + worker.id + " said hello twice");
      return;
    }
    worker.hello = hello;
    worker.readyAt = Clocks.epochMicros();
    starts.add(new WorkerStart(worker.id, worker.pid(), worker.spawnedAt, worker.readyAt));
    if (hello.protocol() != Protocol.VERSION) {
      breakChannel(worker, "worker " + worker.id + " speaks protocol " + hello.protocol()
          + ", this coordinator speaks " + Protocol.VERSION);
      return;
    }
    if (worker.ending != WorkerProcess.Ending.NONE) {
      return; // closed or being killed before it was ready: it only has to exit
    }
    if (options.initializer() != null) {
      worker.state = WorkerProcess.State.INITIALIZING;
      List<CompletableFuture<Execution>> futures = List.of(new CompletableFuture<>());
      Chunk init = new Chunk(options.initializer(),
          Collections.singletonList(options.initializerArgument()), futures, true);
      send(worker, init, effects);
    } else {
      worker.state = WorkerProcess.State.READY;
    }
    changed.signalAll();
  }

  private void onDone(WorkerProcess worker, Done done, Effects effects) {
    Chunk chunk = worker.inFlight.peekFirst();
    if (chunk == null || chunk.id != done.id()) {
      breakChannel(worker, "worker " + worker.id + " answered request " + done.id()
          + " but the oldest request it holds is " + (chunk == null ? "none" : chunk.id));
      return;
    }
    if (done.results().size() != chunk.arguments.size()) {
      breakChannel(worker, "worker " + worker.id + " answered request " + done.id() + " with "
          + done.results().size() + " results for " + chunk.arguments.size() + " arguments");
      return;
    }
    worker.inFlight.removeFirst();
    worker.inFlightLimit.observe(done);
    worker.headSince = System.nanoTime();
    worker.proven = true;
    long finishedAt = Clocks.epochMicros();
    if (chunk.initializer) {
      Outcome outcome = done.results().get(0);
      if (outcome.failed()) {
        String why = "the initializer " + chunk.task + " failed in worker " + worker.id + ": "
            + outcome.error().exception() + ": " + outcome.error().message();
        startFailures.failed(why);
        options.stderr().accept("[" + worker.id + "] " + why);
        retire(worker, effects);
      } else {
        startFailures.succeeded();
        if (worker.state == WorkerProcess.State.INITIALIZING) {
          worker.state = WorkerProcess.State.READY;
        }
      }
      changed.signalAll();
      return;
    }
    startFailures.succeeded();
    for (int i = 0; i < chunk.futures.size(); i++) {
      Outcome outcome = done.results().get(i);
      effects.complete(chunk.futures.get(i), new Execution(outcome.value(),
          outcome.failed() ? TaskFailure.of(outcome.error()) : null,
          worker.pid(), done.thread(), worker.id, outcome.startedAt(), outcome.micros(), finishedAt,
          chunk.attempts));
    }
    if (worker.state == WorkerProcess.State.RETIRING && worker.inFlight.isEmpty()) {
      retire(worker, effects);
    }
    changed.signalAll();
  }

  /** The worker could not read a request and exits; what it held fails as a protocol error. */
  private void onInvalid(WorkerProcess worker, Invalid invalid) {
    worker.protocolProblem = "worker " + worker.id + " rejected a request: " + invalid.message();
    worker.ending = WorkerProcess.Ending.PROTOCOL_ERROR;
    worker.state = WorkerProcess.State.RETIRING;
    options.stderr().accept("[" + worker.id + "] " + worker.protocolProblem);
    // The protocol says it exits now; one that does not would hold its tasks forever.
    CompletableFuture.delayedExecutor(INVALID_EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS)
        .execute(worker::kill);
  }

  private void breakChannel(WorkerProcess worker, String problem) {
    worker.protocolProblem = problem;
    worker.ending = WorkerProcess.Ending.PROTOCOL_ERROR;
    worker.state = WorkerProcess.State.RETIRING;
    worker.kill();
  }

  /** Closes the worker's stdin: it finishes what it holds, which is nothing, and exits. */
  private void retire(WorkerProcess worker, Effects effects) {
    worker.ending = WorkerProcess.Ending.CLOSED;
    worker.state = WorkerProcess.State.RETIRING;
    worker.closeInput();
    effects.write(worker);
  }

  /** Sends queued chunks to free workers, then starts workers where some are missing. */
  private void dispatch(Effects effects) {
    while (!pending.isEmpty()) {
      WorkerProcess worker = leastLoadedReadyWorker();
      Chunk chunk = worker == null ? null : pending.next();
      if (chunk == null) {
        break;
      }
      send(worker, chunk, effects);
    }
    if (shutdown) {
      retireIdleWorkers(effects);
    }
    startWorkers(effects);
  }

  /**
   * Keeps the pool at full strength while it is open, so a replacement is warming up before
   * work needs it; after shutdown, starts workers only for work that waits (a retried task must
   * still find one). When no worker is alive and none can be started, waiting work fails rather
   * than waiting forever.
   */
  private void startWorkers(Effects effects) {
    if (!started) {
      return;
    }
    int target = shutdown ? Math.min(options.workers(), workers.size() + pending.size()) : options.workers();
    while (workers.size() < target && !startFailures.reached(StartFailures.LIMIT)) {
      launch();
    }
    if (workers.isEmpty() && !pending.isEmpty()) {
      pending.failAll(FailureKind.WORKER_START_FAILED, "no worker could be started ("
          + startFailures.inARow() + " failures in a row): " + startFailures.last(), effects);
    }
  }

  private void send(WorkerProcess worker, Chunk chunk, Effects effects) {
    chunk.id = ids.incrementAndGet();
    chunk.attempts++;
    if (worker.inFlight.isEmpty()) {
      worker.headSince = System.nanoTime();
    }
    worker.inFlight.addLast(chunk);
    if (!chunk.initializer) {
      worker.tasksSent += chunk.arguments.size();
      if (maxTasksPerWorker > 0 && worker.tasksSent >= maxTasksPerWorker) {
        worker.state = WorkerProcess.State.RETIRING;
      }
    }
    worker.send(new Run(chunk.id, chunk.task, chunk.arguments));
    effects.write(worker);
  }

  private WorkerProcess leastLoadedReadyWorker() {
    WorkerProcess best = null;
    for (WorkerProcess worker : workers) {
      if (worker.state != WorkerProcess.State.READY || worker.ending != WorkerProcess.Ending.NONE) {
        continue;
      }
      int limit = Math.min(worker.inFlightLimit.current(maxInFlight), worker.hello.inFlight());
      if (worker.inFlight.size() >= limit) {
        continue;
      }
      if (best == null || worker.inFlight.size() < best.inFlight.size()) {
        best = worker;
      }
    }
    return best;
  }

  private int readyCount() {
    int ready = 0;
    for (WorkerProcess worker : workers) {
      if (worker.state == WorkerProcess.State.READY) {
        ready++;
      }
    }
    return ready;
  }

  private void launch() {
    String id = "w" + (++launched);
    try {
      WorkerProcess worker = WorkerProcess.launch(id, command, this);
      workers.add(worker);
      if (archive.isPresent() && command.stream().anyMatch(arg -> arg.startsWith("-XX:SharedArchiveFile="))) {
        startedFromArchive.add(worker);
      }
      worker.startReader(this, options.maxMessageBytes());
      CompletableFuture.delayedExecutor(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .execute(() -> killIfSilent(worker));
    } catch (IOException e) {
      String why = "cannot run " + command.get(0) + ": " + e.getMessage();
      startFailures.failed(why);
      options.stderr().accept("[" + id + "] " + why);
    }
  }

  /** A worker that never said hello (a command that does not speak the protocol) is ended. */
  private void killIfSilent(WorkerProcess worker) {
    lock.lock();
    try {
      if (worker.hello != null || worker.state == WorkerProcess.State.DEAD
          || worker.ending != WorkerProcess.Ending.NONE) {
        return;
      }
      String problem = "worker " + worker.id + " (pid " + worker.pid() + ") sent no hello within "
          + options.startTimeout().toMillis() + " ms";
      options.stderr().accept("[" + worker.id + "] " + problem + "; killing it");
      breakChannel(worker, problem);
    } finally {
      lock.unlock();
    }
  }

  /** After shutdown: closes the stdin of every worker that holds nothing, so it exits. */
  private void retireIdleWorkers(Effects effects) {
    if (!pending.isEmpty()) {
      return;
    }
    for (WorkerProcess worker : workers) {
      if (worker.inFlight.isEmpty() && worker.ending == WorkerProcess.Ending.NONE) {
        retire(worker, effects);
      } else if (!worker.inFlight.isEmpty()) {
        worker.state = WorkerProcess.State.RETIRING;
      }
    }
  }

  private void stopWatchdogWhenIdle() {
    if (watchdog != null && shutdown && workers.isEmpty() && pending.isEmpty()) {
      watchdog.shutdown();
    }
  }

  /** Watchdog tick: kills any worker whose running request has outlived the timeout. */
  private void killOverdueWorkers() {
    List<WorkerProcess> overdue = new ArrayList<>();
    lock.lock();
    try {
      long now = System.nanoTime();
      long limit = options.timeout().toNanos();
      for (WorkerProcess worker : workers) {
        Chunk head = worker.inFlight.peekFirst();
        if (head != null && worker.ending == WorkerProcess.Ending.NONE
            && now - worker.headSince > limit * head.arguments.size()) {
          worker.ending = WorkerProcess.Ending.TIMEOUT;
          worker.state = WorkerProcess.State.RETIRING;
          overdue.add(worker);
        }
      }
    } finally {
      lock.unlock();
    }
    for (WorkerProcess worker : overdue) {
      worker.kill();
      try {
        options.stderr().accept("[" + worker.id + "] task exceeded the timeout of "
            + options.timeout().toMillis() + " ms; killing the worker");
      } catch (RuntimeException e) {
        // a scheduled task that throws is never run again: keep the watchdog alive
      }
    }
  }
}
