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
 * A name {@code prefix:parameter} is a task of the {@link TaskFamily} with that prefix; the
 * prefixes of procpool's own families ({@code invoke}, {@code invoke-each}) are theirs alone.
 */
public final class TaskRegistry {
  /** How many family tasks are kept before the cache starts over (a map of one function stays). */
  private static final int MAX_BOUND = 1024;
  /**
   * procpool's own task families (the typed calls, in the library jar), by prefix. Named so that
   * a worker's first typed call finds its family without reading the service files: that scan
   * opens every jar on the class path and makes every listed task again, about 30 of a fresh
   * worker's first typed call's 90 ms. A worker without the library jar reads the service files
   * as for any other name.
   */
  private static final Map<String, String> OWN_FAMILIES = Map.of(
      "invoke", "io.procpool.fn.InvokeFamily", "invoke-each", "io.procpool.fn.InvokeEachFamily");

  /** An unmodifiable snapshot, replaced whole once the service files have been read. */
  private volatile Map<String, Task> tasks;
  /** The task families by prefix; empty until the service files have been read. */
  private volatile Map<String, TaskFamily> families = Map.of();
  /** Family tasks already made, by full name: a chunk of a map resolves its function once. */
  private final Map<String, Task> bound = new ConcurrentHashMap<>();
  /** Where further tasks come from, searched on first need; null once searched. Guarded by this. */
  private ClassLoader services;
  /** Where procpool's own families are loaded from. */
  private final ClassLoader loader;
  /** procpool's own families found without the service files, by prefix. */
  private final Map<String, TaskFamily> own = new ConcurrentHashMap<>();

  private TaskRegistry(Map<String, Task> tasks, ClassLoader services) {
    this.tasks = Collections.unmodifiableMap(tasks);
    this.services = services;
    this.loader = services;
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
      task = bound.get(name);
    }
    if (task != null) {
      return task;
    }
    int colon = name.indexOf(':');
    TaskFamily family = colon > 0 ? ownFamily(name.substring(0, colon)) : null;
    if (family == null) {
      loadServices();
      task = tasks.get(name);
      family = task == null && colon > 0 ? families.get(name.substring(0, colon)) : null;
      if (family == null) {
        return task;
      }
    }
    task = family.task(name.substring(colon + 1));
    if (bound.size() >= MAX_BOUND) {
      bound.clear();
    }
    bound.put(name, task);
    return task;
  }

  /** One of procpool's own families, loaded by its class name; null when it is not on the class path. */
  private TaskFamily ownFamily(String prefix) {
    String className = OWN_FAMILIES.get(prefix);
    if (className == null) {
      return null;
    }
    TaskFamily known = own.get(prefix);
    if (known == null) {
      try {
        known = Class.forName(className, true, loader).asSubclass(TaskFamily.class).getConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
        return null; // a worker without the library: the service files say what there is
      }
      own.put(prefix, known);
    }
    return known;
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
