package io.procpool.pool;

import io.procpool.task.Task;
import io.procpool.task.TaskRegistry;
import io.procpool.task.UnknownTaskException;
import io.procpool.protocol.RemoteError;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs a chunk inside this JVM, for the serial and thread pools. */
final class LocalRunner {
  private static final long PID = ProcessHandle.current().pid();

  private final TaskRegistry registry;
  private final TaskGate gate;

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
    String thread = Thread.currentThread().getName();
    for (int i = 0; i < arguments.size(); i++) {
      CompletableFuture<Execution> future = futures.get(i);
      if (future.isDone()) {
        continue; // cancelled while queued
      }
      gate.enter();
      long startedAt;
      long micros;
      Object value = null;
      TaskFailure failure = null;
      try {
        // Timed inside the gate: the wait for it is not the task's running time.
        startedAt = Clocks.epochMicros();
        long start = System.nanoTime();
        try {
          value = task.run(arguments.get(i));
        } catch (Throwable thrown) {
          failure = TaskFailure.of(RemoteError.of(thrown));
        }
        micros = (System.nanoTime() - start) / 1000;
      } finally {
        gate.exit();
      }
      future.complete(new Execution(value, failure, PID, thread, thread, startedAt, micros, Clocks.epochMicros(), 1));
    }
  }
}
