package io.procpool.protocol;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * An exception thrown by task code in a worker, as carried on the wire.
 *
 * @param exception the exception's fully qualified class name (or another language's type)
 * @param message its message, possibly empty
 * @param trace the worker's stack trace as text, as {@code printStackTrace} would print it
 */
public record RemoteError(String exception, String message, String trace) {

  public RemoteError {
    requireNonNull(exception, "exception");
    message = message == null ? "" : message;
    trace = trace == null ? "" : trace;
  }

  /** Captures a local throwable, with its whole stack trace and causes. */
  public static RemoteError of(Throwable thrown) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    return new RemoteError(thrown.getClass().getName(), thrown.getMessage(), trace.toString());
  }
}
