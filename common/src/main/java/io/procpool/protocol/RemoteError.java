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

  /**
   * Captures a local throwable, with its whole stack trace and causes. Never throws: an exception
   * whose own {@code getMessage()} or {@code toString()} throws is still captured, with a message
   * saying so and its frames, since a throw here would cost a worker its life and leave a
   * thread pool's future forever incomplete.
   */
  public static RemoteError of(Throwable thrown) {
    String message;
    try {
      message = thrown.getMessage();
    } catch (RuntimeException | Error broken) {
      message = "(its getMessage() threw " + broken.getClass().getName() + ")";
    }
    return new RemoteError(thrown.getClass().getName(), message, traceOf(thrown, message));
  }

  private static String traceOf(Throwable thrown, String message) {
    StringWriter trace = new StringWriter();
    try {
      thrown.printStackTrace(new PrintWriter(trace));
      return trace.toString();
    } catch (RuntimeException | Error broken) {
      // printStackTrace calls the exception's (or a cause's) own toString: the frames alone then.
      StringBuilder text = new StringBuilder(thrown.getClass().getName());
      if (message != null && !message.isEmpty()) {
        text.append(": ").append(message);
      }
      for (StackTraceElement frame : thrown.getStackTrace()) {
        text.append(System.lineSeparator()).append("\tat ").append(frame);
      }
      return text.append(System.lineSeparator()).toString();
    }
  }
}
