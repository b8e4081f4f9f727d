package io.procpool.task;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The tasks visible to one class loader, by name. Built-in tasks come first on name clashes. */
public final class TaskRegistry {
  private final Map<String, Task> tasks;

  private TaskRegistry(Map<String, Task> tasks) {
    this.tasks = Collections.unmodifiableMap(tasks);
  }

  /** Finds every {@link Task} that the class loader's service files list. */
  public static TaskRegistry load(ClassLoader loader) {
    Map<String, Task> found = new TreeMap<>();
    for (Task task : ServiceLoader.load(Task.class, loader)) {
      found.putIfAbsent(task.name(), task);
    }
    return new TaskRegistry(found);
  }

  /** The tasks on procpool's own class path. */
  public static TaskRegistry builtIn() {
    return load(TaskRegistry.class.getClassLoader());
  }

  /** The task of that name, or an {@link UnknownTaskException} listing the known ones. */
  public Task get(String name) {
    requireNonNull(name, "name");
    Task task = tasks.get(name);
    if (task == null) {
      throw new UnknownTaskException(name, tasks.keySet());
    }
    return task;
  }

  public boolean contains(String name) {
    return tasks.containsKey(name);
  }

  /** Every task, sorted by name. */
  public Map<String, Task> all() {
    return tasks;
  }
}
