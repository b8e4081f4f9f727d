package io.procpool.fn;

import io.procpool.task.Task;
import io.procpool.task.TaskFamily;

/** The built-in {@code invoke-each:...} tasks: the function of an {@code invoke:...} name, on a chunk of calls. */
public final class InvokeEachFamily implements TaskFamily {
  /** The task name's prefix. */
  public static final String PREFIX = "invoke-each";

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public Task task(String parameter) {
    return new InvokeEachTask(InvokeFamily.bind(parameter));
  }
}
