package io.procpool.examples;

import io.procpool.pool.Execution;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.process.ProcessPool;
import io.procpool.pool.TaskFailedException;
import io.procpool.pool.TaskPool;
import io.procpool.task.TaskRegistry;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The example of docs/library.md, kept here so that a test compiles and runs it: Python's
 * executor patterns with procpool's {@link TaskPool}.
 */
public final class LibraryExample {
  private LibraryExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    ProcessPoolOptions options = ProcessPoolOptions.builder()
        .workers(2)
        .jvmOption("-Xmx128m")
        .maxTasksPerWorker(100) // Python's max_tasks_per_child
        .build();
    // Switching modes is this one line: TaskPool.threads(TaskRegistry.builtIn(), 2), TaskPool.serial(...)
    try (TaskPool pool = ProcessPool.start(options)) {
      // submit(): a future of the value
      CompletableFuture<Object> one = pool.submit("cpu-heavy", 1_000_000L);
      out.println("submit: " + one.join());

      // map(): values in input order, lazily, 2 tasks per request
      Iterator<Object> values = pool.map("cpu-heavy", List.of(10L, 20L, 30L, 40L, 50L), 2);
      while (values.hasNext()) {
        out.println("map: " + values.next());
      }

      // submit() + as_completed(): the quick sleep finishes first
      List<CompletableFuture<Execution>> futures = List.of(
          pool.execute("sleep", 300L), pool.execute("sleep", 50L));
      for (CompletableFuture<Execution> done : TaskPool.asCompleted(futures)) {
        Execution execution = done.join();
        out.println("as_completed: slept " + execution.value() + " ms in pid " + execution.pid());
      }

      // a task that throws in a worker: the remote class, message and stack trace come back
      try {
        pool.submit("fail", 7L).join();
      } catch (CompletionException e) {
        TaskFailedException failed = (TaskFailedException) e.getCause();
        out.println("failed: " + failed.remoteException() + ": " + failed.failure().message());
        out.println("remote trace starts: " + failed.remoteTrace().lines().findFirst().orElse(""));
      }
    }
    // a thread pool has the same interface
    try (TaskPool threads = TaskPool.threads(TaskRegistry.builtIn(), 2)) {
      out.println("threads: " + threads.submit("cpu-heavy", 1_000_000L).join());
    }
  }
}
