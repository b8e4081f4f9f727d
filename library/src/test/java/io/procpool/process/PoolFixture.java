package io.procpool.process;

import io.procpool.pool.Execution;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.protocol.Done;
import io.procpool.protocol.Hello;
import io.procpool.protocol.Outcome;
import io.procpool.protocol.Protocol;
import io.procpool.protocol.Run;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link PoolCore} with fake connections and a fake clock: the pool's decisions without
 * processes. Every call takes the lock, as the real facade does, and carries out the effects
 * but for launches, which it leaves as planned workers.
 */
final class PoolFixture {
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final StderrLines stderr = new StderrLines();
  final ReentrantLock lock = new ReentrantLock();
  final PoolCore core;

  PoolFixture(int retries, int maxInFlight, Duration startTimeout, Duration timeout) {
    ProcessPoolOptions options = ProcessPoolOptions.builder().workers(2).retries(retries)
        .startTimeout(startTimeout).timeout(timeout).stderr(stderr).build();
    Dispatcher dispatcher = new Dispatcher(retries, maxInFlight, 0, nanos::get, nanos::get);
    Supervisor supervisor = new Supervisor(startTimeout, timeout, nanos::get);
    core = new PoolCore(options, new Launcher(List.of("true"), stderr), dispatcher, supervisor,
        lock.newCondition(), nanos::get);
    core.started = true;
  }

  PoolFixture() {
    this(/* retries= */ 0, /* maxInFlight= */ 64, Duration.ofSeconds(1), null);
  }

  /** Runs one decision as the facade would and carries out its effects. */
  Effects decide(java.util.function.Consumer<Effects> decision) {
    Effects effects = new Effects(stderr);
    lock.lock();
    try {
      decision.accept(effects);
    } finally {
      lock.unlock();
    }
    effects.run(/* own= */ null);
    return effects;
  }

  /** Like {@link #decide}, for a decision with an answer. */
  <T> T decide0(java.util.function.Function<Effects, T> decision) {
    Object[] result = new Object[1];
    decide(effects -> result[0] = decision.apply(effects));
    @SuppressWarnings("unchecked")
    T answer = (T) result[0];
    return answer;
  }

  /** A worker that is launched (with a fake connection) and has not said hello. */
  Worker launched() {
    Worker worker = new Worker("w" + (++core.launched));
    decide(effects -> {
      core.workers.add(worker);
      core.attached(worker, null, new FakeConnection(), effects);
    });
    return worker;
  }

  /** A worker that said hello. */
  Worker ready() {
    Worker worker = launched();
    receive(worker, new Hello(Protocol.VERSION, 100 + core.launched, "fake", 64, 1, 1));
    return worker;
  }

  void receive(Worker worker, io.procpool.protocol.Message message) {
    decide(effects -> core.messages.onMessage(worker, message, /* moreBuffered= */ false, effects));
  }

  List<CompletableFuture<Execution>> submit(Object... arguments) {
    List<CompletableFuture<Execution>> futures = Execution.newFutures(arguments.length);
    decide(effects -> core.submit(new Chunk("noop", List.of(arguments), futures, false), effects));
    return futures;
  }

  static FakeConnection connection(Worker worker) {
    return (FakeConnection) worker.connection;
  }

  /** The requests written to the worker so far. */
  static List<Run> runs(Worker worker) {
    List<Run> runs = new ArrayList<>();
    connection(worker).written.forEach(message -> runs.add((Run) message));
    return runs;
  }

  /** An answer to a request, each argument's value being itself. */
  static Done answer(Run run) {
    List<Outcome> outcomes = new ArrayList<>();
    run.args().forEach(argument -> outcomes.add(Outcome.success(argument, 0, 5)));
    return new Done(run.id(), "main", outcomes);
  }
}
