package io.procpool.pool;

import static java.util.Objects.requireNonNull;

import io.procpool.protocol.RemoteError;

/**
 * Why one task failed.
 *
 * @param kind the category
 * @param exception the exception class that was thrown (for task errors), or the kind's name
 * @param message a human-readable description naming the worker where one was involved
 * @param trace the remote stack trace for task errors, or diagnostic detail (stderr tail)
 */
public record TaskFailure(FailureKind kind, String exception, String message, String trace) {

  public TaskFailure {
    requireNonNull(kind, "kind");
    requireNonNull(exception, "exception");
    message = message == null ? "" : message;
    trace = trace == null ? "" : trace;
  }

  public static TaskFailure of(RemoteError error) {
    return new TaskFailure(FailureKind.TASK_ERROR, error.exception(), error.message(), error.trace());
  }

  public static TaskFailure of(FailureKind kind, String message, String detail) {
    return new TaskFailure(kind, kind.wireName(), message, detail);
  }

  /** The exception that a {@link TaskPool#submit} future fails with. */
  public TaskFailedException toException() {
    return new TaskFailedException(this);
  }
}
