package io.procpool.pool;

import io.procpool.fn.Fn0;
import io.procpool.fn.Fn1;
import io.procpool.fn.Fn2;
import io.procpool.task.TaskRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An executor of named tasks, the Java counterpart of Python's {@code concurrent.futures}
 * executors. Every mode (serial, thread pool, process pool, process per task) has this one
 * interface, so switching modes is a one-line change (process pools come from
 * {@code io.procpool.process.ProcessPool.start}, which depends on this package, not the reverse):
 *
 * <pre>{@code
 * try (TaskPool pool = ProcessPool.start(ProcessPoolOptions.builder().workers(4).build())) {
 *   Iterator<Object> values = pool.map("cpu-heavy", List.of(10_000_000L, 20_000_000L), 1);
 * }
 * }</pre>
 */
public interface TaskPool extends AutoCloseable {

  /** Runs tasks one after another on the submitting thread. */
  static TaskPool serial(TaskRegistry registry) {
    return new SerialPool(registry);
  }

  /** A fixed pool of platform threads in this JVM. */
  static TaskPool threads(TaskRegistry registry, int threads) {
    return new ThreadPool(registry, threads);
  }

  /**
   * A thread pool whose threads must hold one global lock while a task computes: an emulation
   * of CPython's GIL, so CPU-bound tasks get no speedup while sleeping ones still overlap.
   */
  static TaskPool gilThreads(TaskRegistry registry, int threads) {
    return new ThreadPool(registry, threads, Mode.GIL_THREAD, "procpool-gil-thread-", new GlobalInterpreterLock());
  }

  /**
   * A new virtual thread per chunk, at most {@code concurrency} running at once (Java 21+).
   *
   * @throws UnsupportedOperationException on Java 17 to 20, naming the version needed
   */
  static TaskPool virtualThreads(TaskRegistry registry, int concurrency) {
    return new VirtualThreadPool(registry, concurrency);
  }

  /** How this pool runs tasks. */
  Mode mode();

  /** How many tasks may run at once. */
  int workers();

  /** Milliseconds spent before the pool could run its first task (0 when nothing starts). */
  long startupMillis();

  /**
   * Sends one chunk: the task runs on each argument, in order, as one unit of work on one
   * worker. Returns one future per argument; each completes normally with an {@link Execution},
   * which tells success from failure. Cancelling a future of a chunk not yet sent removes it.
   *
   * @throws PoolClosedException after {@link #shutdown}
   */
  List<CompletableFuture<Execution>> executeChunk(String task, List<?> arguments);

  /** Like Python's {@code submit}, but keeps where and when the task ran. */
  default CompletableFuture<Execution> execute(String task, Object argument) {
    return executeChunk(task, Collections.singletonList(argument)).get(0);
  }

  /**
   * Python's {@code submit(fn, arg)}: a future of the task's value, failed with a
   * {@link TaskFailedException} when the task threw or could not run.
   */
  default CompletableFuture<Object> submit(String task, Object argument) {
    return execute(task, argument).thenCompose(TaskPool::valueOf);
  }

  /** Submits every argument, {@code chunksize} per request; futures are in argument order. */
  default List<CompletableFuture<Execution>> executeAll(String task, List<?> arguments, int chunksize) {
    if (chunksize < 1) {
      throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
    }
    List<CompletableFuture<Execution>> futures = new ArrayList<>(arguments.size());
    for (int from = 0; from < arguments.size(); from += chunksize) {
      int to = Math.min(arguments.size(), from + chunksize);
      futures.addAll(executeChunk(task, arguments.subList(from, to)));
    }
    return futures;
  }

  /**
   * Python's {@code map(fn, args, chunksize=K)}: submits everything now and returns the values
   * lazily in argument order; each is available as soon as it and those before it finish.
   * {@code next()} throws {@link TaskFailedException} for a task that failed.
   */
  default Iterator<Object> map(String task, List<?> arguments, int chunksize) {
    Iterator<CompletableFuture<Execution>> futures = executeAll(task, arguments, chunksize).iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return futures.hasNext();
      }

      @Override
      public Object next() {
        return await(futures.next().thenCompose(TaskPool::valueOf));
      }
    };
  }

  /**
   * Python's {@code submit(fn, arg)} for your own code: a static method reference, an instance
   * method reference, or a lambda, with any argument and result type jackson-databind handles.
   * In process modes the function travels by name (class, method, signature) and its captured
   * values and the argument as JSON; serial and thread modes call it directly on the caller's
   * objects after the same encoding check (and check the result's encoding after), so each
   * mode gives the same value or the same error. The future fails with the task's exception
   * rebuilt as its own type where this JVM has the class, else a {@link TaskFailedException}.
   *
   * @throws io.procpool.fn.CannotTravelException when the function, a captured value or the
   *     argument cannot go to a worker and come back as the same value; nothing is sent then
   */
  default <A, R> CompletableFuture<R> submit(Fn1<A, R> function, A argument) {
    return TypedCalls.submit(this, function, argument);
  }

  /** {@link #submit(Fn1, Object)} for a function of two arguments. */
  default <A, B, R> CompletableFuture<R> submit(Fn2<A, B, R> function, A first, B second) {
    return TypedCalls.submit(this, function, first, second);
  }

  /** {@link #submit(Fn1, Object)} for a call without arguments. */
  default <R> CompletableFuture<R> submit(Fn0<R> function) {
    return TypedCalls.submit(this, function);
  }

  /**
   * Python's {@code map(fn, args, chunksize=K)} for your own code: every call is encoded (and
   * refused, see {@link #submit(Fn1, Object)}) before any is sent; the stream yields the results
   * in argument order and throws a task's exception when it reaches that task.
   */
  default <A, R> Stream<R> map(Fn1<A, R> function, Collection<? extends A> arguments, int chunksize) {
    return TypedCalls.map(this, function, TypedCalls.zip(arguments, null), chunksize);
  }

  /** {@link #map(Fn1, Collection, int)} with a chunksize of 1, as Python's default. */
  default <A, R> Stream<R> map(Fn1<A, R> function, Collection<? extends A> arguments) {
    return map(function, arguments, 1);
  }

  /** Python's {@code map(fn, xs, ys)}: pairs of elements, as far as the shorter sequence goes. */
  default <A, B, R> Stream<R> map(Fn2<A, B, R> function, Collection<? extends A> firsts, Collection<? extends B> seconds,
      int chunksize) {
    return TypedCalls.map(this, function, TypedCalls.zip(firsts, seconds), chunksize);
  }

  /** {@link #map(Fn2, Collection, Collection, int)} with a chunksize of 1. */
  default <A, B, R> Stream<R> map(Fn2<A, B, R> function, Collection<? extends A> firsts, Collection<? extends B> seconds) {
    return map(function, firsts, seconds, 1);
  }

  /**
   * The class path that this pool's workers start with, to check that they can load a
   * function before it is sent; empty for in-JVM pools and for a custom worker command.
   */
  default Optional<String> workerClassPath() {
    return Optional.empty();
  }

  /**
   * Python's {@code as_completed(futures)}: yields each future as it completes, first
   * finished first. Blocks in {@code next()} until one more is done.
   */
  static <T> Iterable<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures) {
    BlockingQueue<CompletableFuture<T>> done = new LinkedBlockingQueue<>();
    for (CompletableFuture<T> future : futures) {
      future.whenComplete((value, error) -> done.add(future));
    }
    int total = futures.size();
    return () -> new Iterator<>() {
      private int taken;

      @Override
      public boolean hasNext() {
        return taken < total;
      }

      @Override
      public CompletableFuture<T> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          CompletableFuture<T> next = done.take();
          taken++;
          return next;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CompletionException(e);
        }
      }
    };
  }

  /**
   * Python's {@code shutdown(wait, cancel_futures)}: refuses new work from now on.
   *
   * @param wait block until running tasks have finished and workers have exited
   * @param cancelPending cancel tasks not yet started instead of running them
   */
  void shutdown(boolean wait, boolean cancelPending);

  /**
   * Stops now, keeping an account of every task: refuses new work; tasks not yet started complete
   * as {@link FailureKind#CANCELLED}; tasks already running get up to {@code grace} to finish;
   * then the workers are killed (processes) or abandoned and interrupted (threads), and the tasks
   * still running complete as {@link FailureKind#INTERRUPTED}, never retried. Returns when every
   * future this pool handed out is complete and no worker process is left. Safe to call from any
   * thread, more than once, and while another call waits: a shorter grace then wins.
   */
  void stop(Duration grace);

  /** {@code shutdown(wait=true, cancelPending=false)}, for try-with-resources. */
  @Override
  default void close() {
    shutdown(/* wait= */ true, /* cancelPending= */ false);
  }

  /** The value of a finished execution, or its failure as an exception. */
  static CompletableFuture<Object> valueOf(Execution execution) {
    return execution.failed()
        ? CompletableFuture.failedFuture(execution.failure().toException())
        : CompletableFuture.completedFuture(execution.value());
  }

  /** Waits for a future, unwrapping a {@link TaskFailedException} for the caller. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new CompletionException(e.getCause());
    }
  }
}
