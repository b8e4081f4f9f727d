package io.procpool.cli;

import io.procpool.output.OutputException;
import java.io.PrintWriter;

/**
 * Writes a command's output files so that one that cannot be written (a full disk, a file size
 * limit) does not cost the others: each is tried, the first failure is thrown once all were.
 */
final class OutputWrites {
  private final PrintWriter errors;
  private OutputException first;

  /** @param errors where failures after the first are reported (the first one is thrown) */
  OutputWrites(PrintWriter errors) {
    this.errors = errors;
  }

  void write(Runnable write) {
    try {
      write.run();
    } catch (OutputException e) {
      if (first == null) {
        first = e;
      } else {
        errors.println("procpool: " + e.getMessage());
      }
    }
  }

  boolean failed() {
    return first != null;
  }

  /** @throws OutputException the first write's failure, if any failed (exit status 74) */
  void done() {
    if (first != null) {
      throw first;
    }
  }
}
