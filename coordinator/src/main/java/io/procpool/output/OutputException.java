package io.procpool.output;

import java.io.UncheckedIOException;

/** An output file that could not be written once the work was done: exit status 74, not 70. */
public final class OutputException extends UncheckedIOException {
  private final String reason;

  public OutputException(String file, String reason) {
    super("cannot write " + file + ": " + reason, new java.io.IOException(reason));
    this.reason = reason;
  }

  /** Why, without the file's name. */
  public String reason() {
    return reason;
  }
}
