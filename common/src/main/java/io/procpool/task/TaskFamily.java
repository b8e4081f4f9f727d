package io.procpool.task;

/**
 * Tasks named by a prefix and a parameter, {@code prefix:parameter}: one family stands for
 * as many tasks as there are parameters, e.g. {@code invoke:<a function reference>}.
 *
 * <p>Found with {@link java.util.ServiceLoader} like {@link Task}s (service file
 * {@code META-INF/services/io.procpool.task.TaskFamily}), and only when a name with a colon is
 * first asked for, so a worker that never sees one never loads a family.
 */
public interface TaskFamily {

  /** The part of the name before the first colon. */
  String prefix();

  /**
   * The task that the parameter stands for; may be slow (class loading, reflection), since
   * the registry keeps what it returns.
   *
   * @throws IllegalArgumentException naming what is wrong with the parameter
   */
  Task task(String parameter);
}
