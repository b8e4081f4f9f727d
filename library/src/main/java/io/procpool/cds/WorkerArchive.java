package io.procpool.cds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The AppCDS archive for one worker set-up (see {@link ArchiveKey}). Workers start with it once
 * it exists; until then a pool starts without it and calls {@link #buildInBackground()} after
 * its workers are ready, so the first run pays nothing but a little spare CPU.
 *
 * <p>Safety: the archive is only used with {@code -Xshare:auto} (a mismatch falls back to
 * normal class loading), it is installed by an atomic rename only after a JVM has mapped it
 * successfully (a truncated archive would crash a JVM), and JVM log warnings go to stderr so a
 * rejected archive can never put a stray line on the protocol's stdout.
 */
public final class WorkerArchive {
  /** {@code -Dprocpool.cds=false} or {@code PROCPOOL_CDS=off} turns archives off. */
  static final String SWITCH_PROPERTY = "procpool.cds";

  /** Background builds run at the lowest priority where {@code nice} exists. */
  private static final List<String> NICE = Files.isExecutable(Path.of("/usr/bin/nice"))
      ? List.of("/usr/bin/nice", "-n", "19") : List.of();

  private final Path archive;
  private final Path failedMarker;
  private final String javaExecutable;
  private final List<String> jvmOptions;
  private final String classPath;

  private WorkerArchive(Path archive, String javaExecutable, List<String> jvmOptions, String classPath) {
    this.archive = archive;
    this.failedMarker = archive.resolveSibling(archive.getFileName() + ".failed");
    this.javaExecutable = javaExecutable;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.classPath = classPath;
  }

  /**
   * The archive for workers started as {@code java <jvmOptions> -cp <classPath> ...}, or empty
   * when none can be used: switched off, the options already choose a sharing mode, a class-path
   * entry is not a jar, or no cache directory is writable.
   */
  public static Optional<WorkerArchive> forWorkers(String javaExecutable, List<String> jvmOptions, String classPath) {
    if (switchedOff() || choosesSharing(jvmOptions)) {
      return Optional.empty();
    }
    Optional<String> name = ArchiveKey.fileName(javaExecutable, jvmOptions, classPath);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    return CacheDirectory.find()
        .map(directory -> new WorkerArchive(directory.resolve(name.get()), javaExecutable, jvmOptions, classPath));
  }

  /** The archive file (it may not exist yet). */
  public Path path() {
    return archive;
  }

  /** Whether workers started now will use the archive. */
  public boolean ready() {
    return Files.isRegularFile(archive);
  }

  /** Options that make a worker use the archive; none while it does not exist. */
  public List<String> jvmOptions() {
    if (!ready()) {
      return List.of();
    }
    return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto",
        // A rejected archive logs a warning; by default on stdout, which is the protocol's.
        "-Xlog:disable", "-Xlog:all=warning:stderr");
  }

  /** Starts building the archive unless it exists, failed before, or is being built. */
  public void buildInBackground() {
    if (ready() || Files.exists(failedMarker)) {
      return;
    }
    ArchiveTraining.startOnce(this);
  }

  /** Waits for a build this JVM started; true when the archive is ready at the end. */
  public boolean awaitReady(Duration timeout) {
    CompletableFuture<Boolean> build = ArchiveTraining.running(archive);
    if (build != null) {
      try {
        build.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // reported through the failed marker, or still running
      }
    }
    return ready();
  }

  /** A short word for reports: ready, building, failed or missing. */
  public String status() {
    if (ready()) {
      return "ready";
    }
    if (ArchiveTraining.running(archive) != null) {
      return "building";
    }
    return Files.exists(failedMarker) ? "failed (see " + failedMarker + ")" : "missing";
  }

  /**
   * A worker that used the archive died before saying hello: stop using it, and never rebuild
   * it for this set-up, rather than risk breaking starts again.
   */
  public void markBroken(String why) {
    markFailed("a worker using the archive failed to start: " + why);
    try {
      Files.deleteIfExists(archive);
    } catch (IOException e) {
      // the marker alone keeps it from being rebuilt; the name changes with the next jar anyway
    }
  }

  void markFailed(String why) {
    try {
      Files.writeString(failedMarker, why + System.lineSeparator(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      // nothing to do: the next run will try again
    }
  }

  /** The worker command that records the classes it loads into {@code target} when it exits. */
  List<String> trainingCommand(Path target, String mainClass) {
    List<String> command = new ArrayList<>(NICE);
    command.add(javaExecutable);
    command.addAll(jvmOptions);
    command.add("-XX:ArchiveClassesAtExit=" + target);
    // It runs beside the user's first pool: no optimising compiler needed, so none competes.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    return command;
  }

  /** A JVM that maps {@code candidate} or exits non-zero: proof that the file is whole. */
  List<String> checkCommand(Path candidate) {
    List<String> command = new ArrayList<>(NICE);
    command.add(javaExecutable);
    command.addAll(jvmOptions);
    command.add("-XX:SharedArchiveFile=" + candidate);
    command.add("-Xshare:on");
    command.add("-cp");
    command.add(classPath);
    command.add("-version");
    return command;
  }

  private static boolean switchedOff() {
    String property = System.getProperty(SWITCH_PROPERTY, "");
    String environment = System.getenv().getOrDefault("PROCPOOL_CDS", "");
    return isOff(property) || isOff(environment);
  }

  private static boolean isOff(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.equals("false") || v.equals("off") || v.equals("0") || v.equals("no");
  }

  /** The user's own sharing options win: we neither add ours nor build one. */
  private static boolean choosesSharing(List<String> jvmOptions) {
    for (String option : jvmOptions) {
      if (option.startsWith("-Xshare") || option.contains("SharedArchiveFile")
          || option.contains("ArchiveClassesAtExit") || option.contains("SharedClassListFile")
          || option.contains("DumpLoadedClassList")) {
        return true;
      }
    }
    return false;
  }
}
