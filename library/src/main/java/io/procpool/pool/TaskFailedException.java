package io.procpool.pool;

/**
 * A task ended without a value. For a task that threw in a worker, the message names the
 * remote exception and {@link #remoteTrace()} holds the worker's stack trace, as Python
 * chains a {@code _RemoteTraceback} onto the re-raised exception.
 */
public class TaskFailedException extends RuntimeException {
  private final TaskFailure failure;

  public TaskFailedException(TaskFailure failure) {
    super(describe(failure), remoteCause(failure));
    this.failure = failure;
  }

  public TaskFailure failure() {
    return failure;
  }

  public FailureKind kind() {
    return failure.kind();
  }

  /** The remote exception's class name, e.g. {@code java.lang.IllegalStateException}. */
  public String remoteException() {
    return failure.exception();
  }

  /** The stack trace as the worker printed it. */
  public String remoteTrace() {
    return failure.trace();
  }

  private static String describe(TaskFailure failure) {
    if (failure.kind() == FailureKind.TASK_ERROR) {
      return failure.exception() + (failure.message().isEmpty() ? "" : ": " + failure.message());
    }
    return failure.kind().wireName() + ": " + failure.message();
  }

  private static Throwable remoteCause(TaskFailure failure) {
    return failure.trace().isEmpty() ? null : new RemoteTrace(failure.trace());
  }

  /** Carries the remote stack trace text so that it shows in this exception's own printout. */
  static final class RemoteTrace extends RuntimeException {
    RemoteTrace(String trace) {
      super("\n\"\"\"\n" + trace.stripTrailing() + "\n\"\"\"", null, false, false);
    }

    @Override
    public String toString() {
      return "remote traceback:" + getMessage();
    }
  }
}
