package io.procpool.pool;

import io.procpool.task.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A pool that runs tasks in this JVM, and so can run a task object that no registry names. */
interface LocalPool extends TaskPool {

  /** {@link #executeChunk(String, List)} with the task itself rather than its name. */
  List<CompletableFuture<Execution>> executeChunk(Task task, List<?> arguments);
}
