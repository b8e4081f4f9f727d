package io.procpool.pool;

import io.procpool.task.Task;
import io.procpool.task.TaskRegistry;
import io.procpool.protocol.RemoteError;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs a chunk inside this JVM, for the serial and thread pools. */
final class LocalRunner {
  private static final long PID = ProcessHandle.current().pid();

  private final TaskRegistry registry;

  LocalRunner(TaskRegistry registry) {
    this.registry = registry;
  }

  /** Checks the name up front, so a typo fails at submission as it does in process mode's CLI. */
  Task task(String name) {
    return registry.get(name);
  }

  void runChunk(Task task, List<?> arguments, List<CompletableFuture<Execution>> futures) {
    String thread = Thread.currentThread().getName();
    for (int i = 0; i < arguments.size(); i++) {
      CompletableFuture<Execution> future = futures.get(i);
      if (future.isDone()) {
        continue; // cancelled while queued
      }
      long startedAt = Clocks.epochMicros();
      long start = System.nanoTime();
      Object value = null;
      TaskFailure failure = null;
      try {
        value = task.run(arguments.get(i));
      } catch (Throwable thrown) {
        failure = TaskFailure.of(RemoteError.of(thrown));
      }
      long micros = (System.nanoTime() - start) / 1000;
      future.complete(new Execution(value, failure, PID, thread, thread, startedAt, micros, Clocks.epochMicros(), 1));
    }
  }
}
