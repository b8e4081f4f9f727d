package io.procpool.cli;

import io.procpool.cds.WorkerArchive;
import io.procpool.pool.Mode;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskPool;
import io.procpool.pool.Transport;
import io.procpool.process.ProcessPool;
import io.procpool.process.WorkerCommand;
import io.procpool.protocol.Codec;
import io.procpool.run.RunSettings;
import io.procpool.run.Style;
import io.procpool.shm.ShmWait;
import io.procpool.task.TaskRegistry;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How tasks are executed: pool size, chunking, worker launch and fault policy. Shared by run and compare. */
final class PoolOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = {"-w", "--workers"}, paramLabel = "N",
      description = "Threads or worker processes (default: available processors); never more than "
          + "the tasks, and worker JVMs no more than the machine's limit (see --no-worker-limit).")
  Integer workers;

  @Option(names = "--no-worker-limit",
      description = "Allow more worker JVMs than the machine's limit (one per 128 MiB of memory, "
          + "at least one per processor).")
  boolean noWorkerLimit;

  @Option(names = "--chunksize", paramLabel = "K", defaultValue = "1",
      description = "Tasks sent per request, as in Python's map(chunksize=K) (default: ${DEFAULT-VALUE}).")
  int chunksize;

  @Option(names = "--style", paramLabel = "STYLE", defaultValue = "map",
      description = "map (results in task order) or as-completed (as they finish, with progress) "
          + "(default: ${DEFAULT-VALUE}).")
  String style;

  @Option(names = "--classpath", paramLabel = "PATH",
      description = "Jars or folders with your own tasks (separated by '${sys:path.separator}'), "
          + "for the coordinator and the workers.")
  String classpath;

  @Option(names = "--jvm-opt", paramLabel = "OPT",
      description = "Option for each worker JVM, e.g. --jvm-opt=-Xmx256m (repeatable).")
  List<String> jvmOptions = new ArrayList<>();

  @Option(names = "--worker-command", paramLabel = "\"CMD ARG...\"",
      description = "Start workers with this command instead of java (split into words, no shell), "
          + "e.g. \"python3 docs/python/worker.py\".")
  String workerCommand;

  @Option(names = "--in-flight", paramLabel = "N", defaultValue = "64",
      description = "Most requests each worker may hold at once, one running and the rest queued; "
          + "fewer are queued while tasks are long (default: ${DEFAULT-VALUE}).")
  int inFlight;

  @Option(names = "--max-tasks-per-worker", paramLabel = "N", defaultValue = "0",
      description = "Replace a worker by a fresh one after N tasks, as Python's max_tasks_per_child "
          + "(default: 0, never).")
  int maxTasksPerWorker;

  @Option(names = "--initializer", paramLabel = "TASK",
      description = "Run TASK once in each worker process before its first task, as Python's initializer. "
          + "Process modes only: serial and thread modes share this JVM and do not run it.")
  String initializer;

  @Option(names = "--initializer-arg", paramLabel = "N", defaultValue = "0",
      description = "The initializer's argument (default: ${DEFAULT-VALUE}).")
  long initializerArgument;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "1",
      description = "Re-send a task whose worker died holding it up to N times (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Kill a worker whose task runs longer, e.g. 30s or 500ms (default: none). Process modes "
          + "only: a thread cannot be stopped safely, so serial and thread modes let a task run on.")
  Duration timeout;

  @Option(names = "--start-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Kill a worker that has not said hello this long after its start (default: 60s).")
  Duration startTimeout;

  @Option(names = "--fail-fast",
      description = "Stop at the first failed task: cancel the rest, stop the workers, exit 1.")
  boolean failFast;

  @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2s",
      description = "On the first Ctrl-C or SIGTERM, how long running tasks may finish before they are "
          + "killed and recorded as interrupted; a second signal kills at once (default: ${DEFAULT-VALUE}).")
  Duration grace;

  @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "procpool", converter = CodecConverter.class,
      description = "How the coordinator and its workers encode messages: procpool (its own codec) or "
          + "jackson (Jackson's streaming codec); the wire format is the same (default: ${DEFAULT-VALUE}).")
  Codec codec;

  @Option(names = "--off-line-threshold", paramLabel = "CHARS", defaultValue = "0",
      description = "A string argument or result longer than this travels to and from the workers through a "
          + "reused shared-memory arena instead of the line (workers that say they can), e.g. 65536; 0 keeps "
          + "every value on the line (default: ${DEFAULT-VALUE}).")
  int offLineThreshold;
  @Option(names = "--transport", paramLabel = "T", converter = TransportConverter.class, defaultValue = "pipe",
      description = "How messages reach the worker processes: pipe (stdin/stdout), unix (a Unix domain "
          + "socket), tcp (loopback) or shm (default: ${DEFAULT-VALUE}).")
  Transport transport = Transport.PIPE;

  @Option(names = "--shm-wait", paramLabel = "HOW", defaultValue = "backoff",
      description = "How shm waits for the other side: spin (lowest latency, a core per waiting "
          + "thread), backoff (spin, yield, then park) or park (default: ${DEFAULT-VALUE}).")
  String shmWait;

  @Option(names = "--quiet-workers",
      description = "Do not forward the workers' stderr (it is still kept for error messages).")
  boolean quietWorkers;

  private ClassLoader taskLoader;

  Duration grace() {
    return grace == null ? Duration.ofSeconds(2) : grace;
  }

  boolean failFast() {
    return failFast;
  }

  int workerCount() {
    int count = workers == null ? ProcessPoolOptions.defaultWorkers() : workers;
    if (count < 1) {
      throw usage("--workers must be at least 1, was " + count);
    }
    return count;
  }

  /**
   * The workers a run of {@code tasks} tasks gets in these modes: never more than the tasks, and
   * in process modes no more worker JVMs than {@link WorkerLimit} allows unless lifted.
   */
  int workerCount(int tasks, Collection<Mode> modes) {
    int count = Math.min(workerCount(), tasks);
    boolean processes = modes.stream().anyMatch(mode -> mode == Mode.PROCESS || mode == Mode.PROCESS_PER_TASK);
    checkWorkerLimit(count, processes);
    return count;
  }

  /** A usage error when {@code count} worker JVMs are past the machine's limit and it is not lifted. */
  void checkWorkerLimit(int count, boolean processes) {
    String tooMany = processes && !noWorkerLimit ? WorkerLimit.exceededBy(count) : null;
    if (tooMany != null) {
      throw usage("--workers: " + tooMany);
    }
  }

  RunSettings settings(boolean keepResults) {
    if (chunksize < 1) {
      throw usage("--chunksize must be at least 1, was " + chunksize);
    }
    Style parsed;
    try {
      parsed = Style.parse(style);
    } catch (IllegalArgumentException e) {
      throw usage("--style: " + e.getMessage());
    }
    return new RunSettings(parsed, chunksize, keepResults, failFast);
  }

  /** Tasks visible to the coordinator: the built-in ones plus those on --classpath. */
  TaskRegistry registry() {
    return TaskRegistry.load(taskLoader());
  }

  /** Checks every option that needs checking before anything starts. */
  void validate() {
    workerCount();
    if (inFlight < 1) {
      throw usage("--in-flight must be at least 1, was " + inFlight);
    }
    if (offLineThreshold < 0) {
      throw usage("--off-line-threshold cannot be negative, was " + offLineThreshold);
    }
    if (maxTasksPerWorker < 0) {
      throw usage("--max-tasks-per-worker cannot be negative, was " + maxTasksPerWorker);
    }
    if (retries < 0) {
      throw usage("--retries cannot be negative, was " + retries);
    }
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw usage("--timeout must be positive, was " + timeout);
    }
    if (grace != null && grace.isNegative()) {
      throw usage("--grace cannot be negative, was " + grace);
    }
    if (startTimeout != null && (startTimeout.isZero() || startTimeout.isNegative())) {
      throw usage("--start-timeout must be positive, was " + startTimeout);
    }
    shmWait();
    if (workerCommand != null) {
      try {
        WorkerCommand.split(workerCommand);
      } catch (IllegalArgumentException e) {
        throw usage("--worker-command: " + e.getMessage());
      }
    }
    if (initializer != null && !registry().contains(initializer)) {
      throw usage("--initializer: unknown task '" + initializer + "'; available: "
          + String.join(", ", registry().all().keySet()));
    }
  }

  /** A factory for the pool of one mode with {@code count} workers (sweep varies it). */
  Supplier<TaskPool> factory(Mode mode, TaskRegistry registry, int count) {
    return switch (mode) {
      case SERIAL -> () -> TaskPool.serial(registry);
      case THREAD -> () -> TaskPool.threads(registry, count);
      case GIL_THREAD -> () -> TaskPool.gilThreads(registry, count);
      case VIRTUAL_THREAD -> () -> TaskPool.virtualThreads(registry, count);
      case PROCESS, PROCESS_PER_TASK -> {
        ProcessPoolOptions options = processOptions(count, mode == Mode.PROCESS_PER_TASK);
        yield () -> ProcessPool.start(options);
      }
    };
  }

  /** The class-data archive that this command's process-pool workers would start from, if any. */
  Optional<WorkerArchive> workerArchive(int count) {
    return WorkerCommand.archive(processOptions(count, /* perTask= */ false));
  }

  private ProcessPoolOptions processOptions(int count, boolean perTask) {
    ProcessPoolOptions.Builder builder = ProcessPoolOptions.builder()
        .workers(count)
        .jvmOptions(jvmOptions)
        .classpath(classpathEntries())
        .maxInFlight(inFlight)
        .maxTasksPerWorker(maxTasksPerWorker)
        .retries(retries)
        .timeout(timeout)
        .processPerTask(perTask)
        .codec(codec == null ? Codec.PROCPOOL : codec)
        .offLineThreshold(offLineThreshold)
        .transport(transport)
        .shmWait(shmWait());
    if (startTimeout != null) {
      builder.startTimeout(startTimeout);
    }
    if (initializer != null) {
      builder.initializer(initializer, initializerArgument);
    }
    if (workerCommand != null) {
      builder.workerCommand(WorkerCommand.split(workerCommand));
    }
    if (quietWorkers) {
      builder.stderr(line -> {});
    }
    return builder.build();
  }

  ShmWait shmWait() {
    try {
      return ShmWait.parse(shmWait == null ? "backoff" : shmWait);
    } catch (IllegalArgumentException e) {
      throw usage("--shm-wait: " + e.getMessage());
    }
  }

  private List<Path> classpathEntries() {
    List<Path> entries = new ArrayList<>();
    if (classpath == null || classpath.isBlank()) {
      return entries;
    }
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Path.of(entry);
      if (!Files.exists(path)) {
        throw usage("--classpath: no such file or folder: " + entry);
      }
      if (Files.isRegularFile(path)) {
        // The class loader would pass over a broken jar without a word, and the task's class
        // would then be "not on the class path": name the jar instead.
        try (JarFile jar = new JarFile(path.toFile())) {
          jar.size();
        } catch (IOException | SecurityException e) {
          throw usage("--classpath: " + entry + " is not a readable jar (" + e.getMessage() + ")");
        }
      }
      entries.add(path);
    }
    return entries;
  }

  /** The loader of the coordinator's own classes plus --classpath. */
  ClassLoader taskLoader() {
    if (taskLoader == null) {
      List<Path> entries = classpathEntries();
      if (entries.isEmpty()) {
        taskLoader = PoolOptions.class.getClassLoader();
      } else {
        List<URL> urls = new ArrayList<>();
        for (Path path : entries) {
          try {
            urls.add(path.toUri().toURL());
          } catch (MalformedURLException e) {
            throw usage("--classpath: cannot use " + path + ": " + e.getMessage());
          }
        }
        taskLoader = new URLClassLoader(urls.toArray(URL[]::new), PoolOptions.class.getClassLoader());
      }
    }
    return taskLoader;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
