package io.procpool.pool;

import io.procpool.protocol.Clocks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What happened to one task: its value or failure, and where and when it ran.
 *
 * @param value the returned JSON value; null when failed (or when the task returned null)
 * @param failure why it failed, or null on success
 * @param pid the process that ran it (the coordinator's own pid in serial and thread modes);
 *     -1 when it never ran
 * @param thread the name of the thread that ran it
 * @param worker the worker's id in process modes (e.g. {@code w2}), else the thread name
 * @param startedAt when the task began, in microseconds since the epoch; 0 when unknown
 * @param micros how long the task's code ran, in microseconds, as its runner measured it
 * @param finishedAt when the coordinator saw the result, in microseconds since the epoch
 * @param attempts how many times it was sent (more than 1 after a worker died holding it)
 */
public record Execution(
    Object value,
    TaskFailure failure,
    long pid,
    String thread,
    String worker,
    long startedAt,
    long micros,
    long finishedAt,
    int attempts) {

  public boolean failed() {
    return failure != null;
  }

  /** A failure that happened without the task running anywhere. */
  public static Execution failedBeforeRunning(TaskFailure failure, int attempts) {
    return new Execution(null, failure, -1, "", "", 0, 0, Clocks.epochMicros(), attempts);
  }

  /** One unfinished future per task of a chunk, in order. */
  public static List<CompletableFuture<Execution>> newFutures(int count) {
    List<CompletableFuture<Execution>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      futures.add(new CompletableFuture<>());
    }
    return futures;
  }
}
