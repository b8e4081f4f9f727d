package io.procpool.pool;

import io.procpool.protocol.RemoteError;
import io.procpool.protocol.WallClock;
import io.procpool.task.Task;
import io.procpool.task.TaskRegistry;
import io.procpool.task.UnknownTaskException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Runs a chunk inside this JVM, for the serial and thread pools. */
final class LocalRunner {
  private static final long PID = ProcessHandle.current().pid();

  private final TaskRegistry registry;
  private final TaskGate gate;
  /**
   * Each task's times are its monotonic-clock readings as wall-clock time: two clock reads per
   * task, no Instant, and tasks that ran one after another never look as if they overlapped (an
   * offset read per chunk could differ by a preemption between its two reads, and made the
   * emulated GIL's tasks overlap on paper).
   */
  private final WallClock wallClock = new WallClock();
  /**
   * The chunk each thread is running: what {@link #stop} completes once the grace is over.
   * Entries leave, and stop interrupts, only while holding this map's monitor.
   */
  private final Map<Thread, List<CompletableFuture<Execution>>> running = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  LocalRunner(TaskRegistry registry) {
    this(registry, TaskGate.OPEN);
  }

  /** @param gate passed before each task runs and left after it, e.g. the emulated GIL */
  LocalRunner(TaskRegistry registry, TaskGate gate) {
    this.registry = registry;
    this.gate = gate;
  }

  /**
   * The task of this name. An unknown name is no error of the submission: as in process mode,
   * where only the worker knows its tasks, each of its calls fails with the
   * {@link UnknownTaskException} (a {@code task-error}).
   */
  Task task(String name) {
    try {
      return registry.get(name);
    } catch (UnknownTaskException unknown) {
      return new Unknown(name, unknown);
    }
  }

  /** A task that is not there: every call fails with the lookup's exception. */
  private record Unknown(String name, UnknownTaskException unknown) implements Task {
    @Override
    public String description() {
      return "unknown";
    }

    @Override
    public Object run(Object argument) {
      throw unknown;
    }
  }

  void runChunk(Task task, List<?> arguments, List<CompletableFuture<Execution>> futures) {
    Thread thread = Thread.currentThread();
    running.put(thread, futures); // once per chunk, not per task: serial noop tasks stay cheap
    try {
      runTasks(task, arguments, futures);
    } finally {
      synchronized (running) {
        running.remove(thread);
        if (stopped) {
          // An interrupt stop sent to this chunk ends with it: the caller's thread (serial mode)
          // goes on to write files, which an interrupt would break.
          Thread.interrupted();
        }
        running.notifyAll();
      }
    }
  }

  private void runTasks(Task task, List<?> arguments, List<CompletableFuture<Execution>> futures) {
    Clock clock = new Clock(Thread.currentThread().getName(), wallClock);
    for (int i = 0; i < arguments.size(); i++) {
      // A call per task, not the loop's body: a chunk's loop runs a few hundred times before the
      // JIT compiles it, while a method called per task is compiled after a few hundred tasks.
      runOne(task, arguments.get(i), futures.get(i), clock);
    }
  }

  /** Where a chunk runs, and the pool's mapping of the monotonic clock to wall-clock microseconds. */
  private record Clock(String thread, WallClock wallClock) {
    long epochMicrosAt(long nanos) {
      return wallClock.epochMicrosAt(nanos);
    }
  }

  private void runOne(Task task, Object argument, CompletableFuture<Execution> future, Clock clock) {
    if (future.isDone()) {
      return; // cancelled while queued
    }
    if (stopped) {
      future.cancel(/* mayInterruptIfRunning= */ false); // the rest of a chunk cut short by stop
      return;
    }
    gate.enter();
    long start;
    long end;
    Object value = null;
    TaskFailure failure = null;
    try {
      // Timed inside the gate: the wait for it is not the task's running time.
      start = System.nanoTime();
      try {
        value = task.run(argument);
      } catch (Throwable thrown) {
        failure = TaskFailure.of(RemoteError.of(thrown));
      }
      end = System.nanoTime();
    } finally {
      gate.exit();
    }
    future.complete(new Execution(value, failure, PID, clock.thread(), clock.thread(), clock.epochMicrosAt(start),
        (end - start) / 1000, clock.epochMicrosAt(end), 1));
  }

  /**
   * Starts no more tasks, waits up to {@code grace} for the running ones, then completes those
   * still running as {@link FailureKind#INTERRUPTED} and interrupts their threads. A thread
   * cannot be killed: a task that ignores the interrupt goes on, but its result is ignored.
   */
  void stop(Duration grace) {
    stopped = true;
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (running) {
      long left;
      while (!running.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
        try {
          running.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      interruptRunning(grace);
    }
  }

  private void interruptRunning(Duration grace) {
    TaskFailure interrupted = TaskFailure.of(FailureKind.INTERRUPTED,
        "still running " + grace.toMillis() + " ms after the pool was stopped", "");
    for (Map.Entry<Thread, List<CompletableFuture<Execution>>> entry : running.entrySet()) {
      List<CompletableFuture<Execution>> chunk = entry.getValue();
      boolean first = true; // a chunk runs in order: its first unfinished task is the running one
      for (CompletableFuture<Execution> future : chunk) {
        if (!future.isDone() && first) {
          future.complete(Execution.failedBeforeRunning(interrupted, 1));
          first = false;
        } else if (!future.isDone()) {
          future.cancel(/* mayInterruptIfRunning= */ false);
        }
      }
      // A task that blocks (sleep, I/O) ends now; one that computes goes on, ignored.
      entry.getKey().interrupt();
    }
  }
}
