package io.procpool.fn;

/**
 * A function, captured value, argument or result that cannot go to a worker and come back as
 * the same value. Thrown at {@code submit()} in every mode, so a call that works on threads
 * works the same on processes.
 */
public final class CannotTravelException extends IllegalArgumentException {
  public CannotTravelException(String message) {
    super(message);
  }

  public CannotTravelException(String message, Throwable cause) {
    super(message, cause);
  }
}
