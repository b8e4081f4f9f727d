package io.procpool.process;

import io.procpool.cds.WorkerArchive;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.protocol.VectorScans;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /** The configured command, or {@code java [options] -cp <class path> WorkerMain}. */
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
    return jvmOptions(options.jvmOptions(), VectorScans.enabled());
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
   * This JVM's class path (procpool.jar, or the build's classes in tests) plus the user's
   * entries, all absolute: a class-data archive records the paths it was made with.
   */
  static String classPath(List<Path> extra) {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(absolute(entry));
    }
    extra.forEach(path -> entries.add(path.toAbsolutePath().toString()));
    return String.join(File.pathSeparator, entries);
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
