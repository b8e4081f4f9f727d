package io.procpool.run;

import io.procpool.pool.VirtualThreads;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The execution modes that {@code run} and {@code compare} know. */
public enum Mode {
  SERIAL("serial", "tasks one after another on the calling thread"),
  THREAD("thread", "a fixed pool of platform threads in the coordinator's JVM"),
  PROCESS("process", "a pool of worker JVMs kept for the whole run"),
  PROCESS_PER_TASK("process-per-task", "a fresh worker JVM for every task"),
  GIL_THREAD("gil-thread", "an emulation of CPython's GIL: threads that hold one global lock while "
      + "a task computes (released while it sleeps)"),
  VIRTUAL_THREAD("virtual-thread", "a new Java virtual thread per task, at most --workers at once "
      + "(Java 21+)");

  private final String cliName;
  private final String description;

  Mode(String cliName, String description) {
    this.cliName = cliName;
    this.description = description;
  }

  public String cliName() {
    return cliName;
  }

  public String description() {
    return description;
  }

  public boolean usesProcesses() {
    return this == PROCESS || this == PROCESS_PER_TASK;
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
