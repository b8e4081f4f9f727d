package io.procpool.process;

/** The pool could not start its worker processes; the message says why (exit status, stderr). */
public final class WorkerStartException extends RuntimeException {
  public WorkerStartException(String message) {
    super(message);
  }
}
