package io.procpool.process;

import io.procpool.cds.WorkerArchive;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.protocol.Codec;
import io.procpool.protocol.Protocol;
import io.procpool.pool.Transport;
import io.procpool.protocol.VectorScans;
import io.procpool.shm.ShmFile;
import io.procpool.task.Task;
import io.procpool.worker.WorkerMain;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds the command line that starts one worker process. */
public final class WorkerCommand {
  /** The worker's main class, for {@code java -cp procpool.jar <this>}. */
  public static final String MAIN_CLASS = "io.procpool.worker.WorkerMain";

  /**
   * Options for workers. G1, not the serial collector: on JDK 17 only G1 can map the heap
   * objects in the JDK's class-data archive (the "full module graph"), which makes a worker
   * start 15-30 ms sooner (docs/overhead.md); per-task costs measured the same. Perf data only
   * costs a shared-memory file per start.
   *
   * <p>The rest keep the protocol channel clean and make a broken worker die rather than limp:
   * HotSpot writes its own messages (thread dumps, "Terminating due to OutOfMemoryError") and
   * unified-logging warnings to stdout unless told otherwise, and a JVM that threw an
   * OutOfMemoryError may have lost any thread, including the one that reads requests.
   */
  static final List<String> DEFAULT_JVM_OPTIONS = List.of(
      "-XX:+UseG1GC",
      "-XX:-UsePerfData",
      "-XX:+DisplayVMOutputToStderr",
      "-Xlog:disable",
      "-Xlog:all=warning:stderr:uptime,level,tags",
      "-XX:+ExitOnOutOfMemoryError");

  static final String ADD_VECTOR_MODULE = "--add-modules=" + VectorScans.MODULE;

  private WorkerCommand() {}

  /**
   * The configured command, or {@code java [options] -cp <class path> WorkerMain [--codec NAME]
   * [--off-line THRESHOLD DIR PREFIX] [--max-line BYTES]}.
   */
  public static List<String> of(ProcessPoolOptions options) {
    return of(options, Optional.empty());
  }

  /** Like {@link #of(ProcessPoolOptions)}, starting from the archive when it is ready. */
  static List<String> of(ProcessPoolOptions options, Optional<WorkerArchive> archive) {
    if (!options.workerCommand().isEmpty()) {
      return options.workerCommand();
    }
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmOptions(options));
    // Not part of the archive's key: where crash logs go says nothing about the classes.
    command.add(CrashLogs.jvmOption());
    archive.ifPresent(ready -> command.addAll(ready.jvmOptions()));
    command.add("-cp");
    command.add(classPath(options.classpath()));
    command.add(MAIN_CLASS);
    if (options.codec() != Codec.PROCPOOL) {
      // Only when asked: the default command line stays exactly what it always was.
      command.add("--codec");
      command.add(options.codec().name());
    }
    if (options.offLineThreshold() > 0) {
      // The worker then says "offLine" in its hello; a worker command of the user's is not told.
      command.add("--off-line");
      command.add(Integer.toString(options.offLineThreshold()));
      command.add(ValueFiles.DIRECTORY.toString());
      command.add(ValueFiles.POOL_PREFIX);
    }
    if (options.maxMessageBytes() != Protocol.DEFAULT_MAX_LINE_BYTES) {
      // So that a result longer than the pool reads fails as that task's error, not as a broken line.
      command.add("--max-line");
      command.add(Integer.toString(options.maxMessageBytes()));
    }
    return command;
  }

  /** The archive that default-command workers of these options can use, if any. */
  public static Optional<WorkerArchive> archive(ProcessPoolOptions options) {
    if (!options.workerArchive() || !options.workerCommand().isEmpty()) {
      return Optional.empty();
    }
    return WorkerArchive.forWorkers(javaExecutable(), jvmOptions(options), classPath(options.classpath()));
  }

  private static List<String> jvmOptions(ProcessPoolOptions options) {
    List<String> jvmOptions = jvmOptions(options.jvmOptions(), VectorScans.enabled());
    if (options.transport() == Transport.SHM || options.offLineThreshold() > 0) {
      // Agrona's rings and value arenas, in the worker as in the pool
      jvmOptions.add(0, ShmFile.JVM_OPTION);
    }
    return jvmOptions;
  }

  /**
   * The defaults, then the user's options. A coordinator that scans with the Vector API starts
   * its workers with the module too: a 1 MiB echo is scanned twice on each side.
   */
  static List<String> jvmOptions(List<String> userOptions, boolean vectorScans) {
    List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
    if (vectorScans && userOptions.stream().noneMatch(option -> option.contains(VectorScans.MODULE))) {
      jvmOptions.add(ADD_VECTOR_MODULE);
    }
    jvmOptions.addAll(userOptions);
    return jvmOptions;
  }

  /** The {@code java} of the running JVM, so workers run on the coordinator's own Java. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Where the workers' classes come from, all absolute (a class-data archive records the paths
   * it was made with): this JVM's class path, then the places procpool itself and the context
   * class loader's classes were actually loaded from, then the user's entries.
   * Not {@code java.class.path} alone: under {@code mvn exec:java} or an IDE's runner that is
   * the launcher's own jar, and procpool and the user's code come from a class loader's URLs.
   */
  static String classPath(List<Path> extra) {
    Set<String> entries = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(absolute(entry));
    }
    for (Class<?> type : List.of(WorkerCommand.class, Task.class, WorkerMain.class)) {
      codeSource(type).ifPresent(entries::add);
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context instanceof URLClassLoader urls && context != ClassLoader.getSystemClassLoader()) {
      for (URL url : urls.getURLs()) {
        fileOf(url).ifPresent(entries::add);
      }
    }
    extra.forEach(path -> entries.add(path.toAbsolutePath().toString()));
    entries.remove("");
    return String.join(File.pathSeparator, entries);
  }

  /** The jar or folder a class was loaded from, if it came from a file. */
  private static Optional<String> codeSource(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null ? Optional.empty() : fileOf(source.getLocation());
  }

  private static Optional<String> fileOf(URL url) {
    try {
      return "file".equals(url.getProtocol())
          ? Optional.of(Path.of(url.toURI()).toAbsolutePath().toString())
          : Optional.empty();
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String absolute(String entry) {
    if (entry.isEmpty() || entry.endsWith("*")) {
      return entry; // the working directory, or a wildcard the java launcher expands
    }
    try {
      return Path.of(entry).toAbsolutePath().toString();
    } catch (java.nio.file.InvalidPathException e) {
      return entry;
    }
  }

  /**
   * Splits a command given as one string into arguments, honouring single and double quotes and
   * backslash escapes, without ever invoking a shell.
   */
  public static List<String> split(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
          word.append(command.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed " + quote + " quote in command: " + command);
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("empty worker command");
    }
    return words;
  }
}
