package io.procpool.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.procpool.pool.Execution;
import io.procpool.pool.TaskFailure;

/**
 * One task's line in a run's JSON output. Times are milliseconds since the run started.
 *
 * @param index the task's position in the task list
 * @param size its size
 * @param value the returned value (absent when it failed)
 * @param error why it failed (absent when it succeeded)
 * @param pid the process that ran it
 * @param thread the thread that ran it
 * @param worker the worker id (process modes) or thread name
 * @param completion 1 for the first task to finish, 2 for the next, ...
 * @param startedMillis when its code started running (-1 if it never ran)
 * @param finishedMillis when the coordinator received its result
 * @param micros how long its code ran, as measured where it ran
 * @param attempts how many times it was sent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskRecord(
    int index,
    long size,
    Object value,
    ErrorRecord error,
    long pid,
    String thread,
    String worker,
    int completion,
    double startedMillis,
    double finishedMillis,
    long micros,
    int attempts) {

  /**
   * @param type the failure kind: {@code task-error}, {@code worker-died}, {@code timeout}, ...
   * @param exception the exception class (task errors) or the kind again
   * @param message what went wrong
   * @param trace the remote stack trace or diagnostic detail
   */
  public record ErrorRecord(String type, String exception, String message, String trace) {
    static ErrorRecord of(TaskFailure failure) {
      return new ErrorRecord(failure.kind().wireName(), failure.exception(), failure.message(), failure.trace());
    }
  }

  /** @param value the execution's value as the record keeps it (see {@link TaskList#recordValue}) */
  static TaskRecord of(int index, long size, Object value, Execution execution, int completion, long runStartMicros) {
    double started = execution.startedAt() == 0 ? -1 : millisSince(runStartMicros, execution.startedAt());
    return new TaskRecord(index, size, execution.failed() ? null : value,
        execution.failed() ? ErrorRecord.of(execution.failure()) : null,
        execution.pid(), execution.thread(), execution.worker(), completion, started,
        millisSince(runStartMicros, execution.finishedAt()), execution.micros(), execution.attempts());
  }

  private static double millisSince(long startMicros, long micros) {
    return Math.round((micros - startMicros) / 10.0) / 100.0;
  }

  public boolean failed() {
    return error != null;
  }
}
