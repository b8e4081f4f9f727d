package io.procpool.task;

import java.util.Collection;

/** A task name that no registered {@link Task} has. */
public final class UnknownTaskException extends IllegalArgumentException {
  public UnknownTaskException(String name, Collection<String> known) {
    super("unknown task '" + name + "'; available: " + String.join(", ", known));
  }
}
