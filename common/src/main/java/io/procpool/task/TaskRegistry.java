package io.procpool.task;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks visible to one class loader, by name. Built-in tasks come first on name clashes.
 * A name {@code prefix:parameter} is a task of the {@link TaskFamily} with that prefix.
 */
public final class TaskRegistry {
  /** How many family tasks are kept before the cache starts over (a map of one function stays). */
  private static final int MAX_BOUND = 1024;

  /** An unmodifiable snapshot, replaced whole once the service files have been read. */
  private volatile Map<String, Task> tasks;
  /** The task families by prefix; empty until the service files have been read. */
  private volatile Map<String, TaskFamily> families = Map.of();
  /** Family tasks already made, by full name: a chunk of a map resolves its function once. */
  private final Map<String, Task> bound = new ConcurrentHashMap<>();
  /** Where further tasks come from, searched on first need; null once searched. Guarded by this. */
  private ClassLoader services;

  private TaskRegistry(Map<String, Task> tasks, ClassLoader services) {
    this.tasks = Collections.unmodifiableMap(tasks);
    this.services = services;
  }

  /** Finds every {@link Task} that the class loader's service files list. */
  public static TaskRegistry load(ClassLoader loader) {
    TaskRegistry registry = new TaskRegistry(new TreeMap<>(), loader);
    registry.loadServices();
    return registry;
  }

  /**
   * The built-in tasks, and those the service files on procpool's own class path list (a
   * worker's {@code --classpath} jars). The built-in ones are made directly and the service
   * files are only read when a name is not built in: a worker's start-up never scans its jars.
   */
  public static TaskRegistry builtIn() {
    Map<String, Task> tasks = new TreeMap<>();
    for (Task task : builtInTasks()) {
      tasks.put(task.name(), task);
    }
    return new TaskRegistry(tasks, TaskRegistry.class.getClassLoader());
  }

  /** The tasks procpool ships with, as its own service file lists them. */
  static List<Task> builtInTasks() {
    return List.of(new Chatter(), new Counter(), new CpuHeavy(), new Crash(), new Echo(), new Fail(), new Noop(),
        new Oom(), new Sleep());
  }

  /** The task of that name, or an {@link UnknownTaskException} listing the known ones. */
  public Task get(String name) {
    requireNonNull(name, "name");
    Task task = find(name);
    if (task == null) {
      throw new UnknownTaskException(name, all().keySet());
    }
    return task;
  }

  public boolean contains(String name) {
    requireNonNull(name, "name");
    return find(name) != null;
  }

  /** Every task, sorted by name. */
  public Map<String, Task> all() {
    loadServices();
    return tasks;
  }

  private Task find(String name) {
    Task task = tasks.get(name);
    if (task == null) {
      loadServices();
      task = tasks.get(name);
    }
    int colon = name.indexOf(':');
    if (task == null && colon > 0) {
      task = bound.get(name);
      TaskFamily family = families.get(name.substring(0, colon));
      if (task == null && family != null) {
        task = family.task(name.substring(colon + 1));
        if (bound.size() >= MAX_BOUND) {
          bound.clear();
        }
        bound.put(name, task);
      }
    }
    return task;
  }

  private synchronized void loadServices() {
    if (services == null) {
      return;
    }
    Map<String, Task> found = new TreeMap<>(tasks);
    for (Task task : ServiceLoader.load(Task.class, services)) {
      found.putIfAbsent(task.name(), task);
    }
    Map<String, TaskFamily> prefixes = new TreeMap<>();
    for (TaskFamily family : ServiceLoader.load(TaskFamily.class, services)) {
      prefixes.putIfAbsent(family.prefix(), family);
    }
    tasks = Collections.unmodifiableMap(found);
    families = Collections.unmodifiableMap(prefixes);
    services = null;
  }
}
