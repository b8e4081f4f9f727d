package io.procpool.pool;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a {@link TaskPool} runs tasks; {@link #cliName()} is the name the command line and JSON use. */
public enum Mode {
  /** Tasks one after another on the calling thread. */
  SERIAL("serial"),
  /** A fixed pool of platform threads in the caller's JVM. */
  THREAD("thread"),
  /** A pool of worker processes kept for the whole run. */
  PROCESS("process"),
  /** A fresh worker process for every task. */
  PROCESS_PER_TASK("process-per-task"),
  /** An emulation of CPython's GIL: threads that hold one global lock while a task computes (released while it sleeps). */
  GIL_THREAD("gil-thread"),
  /** A new Java virtual thread per task, at most the worker count at once (Java 21+). */
  VIRTUAL_THREAD("virtual-thread");

  private final String cliName;

  Mode(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  /** Parses a command-line name, with an error that lists the accepted names. */
  public static Mode parse(String name) {
    for (Mode mode : values()) {
      if (mode.cliName.equals(name.trim())) {
        if (mode == VIRTUAL_THREAD) {
          // Refused up front, before any other mode of a compare has run.
          VirtualThreads.unavailableReason().ifPresent(reason -> {
            throw new IllegalArgumentException(mode.cliName + ": " + reason);
          });
        }
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + name + "'; accepted: " + names());
  }

  public static String names() {
    return Arrays.stream(values()).map(Mode::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
