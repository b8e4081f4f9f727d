package io.procpool.cds;

import java.io.IOException;
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
 * successfully, workers are only told to map it while its size and checksum are those recorded
 * at install (a truncated or damaged archive can crash a JVM), a worker that crashes anyway
 * has it removed and rebuilt ({@link #workerEnded}), and JVM log warnings go to stderr so a
 * rejected archive can never put a stray line on the protocol's stdout.
 */
public final class WorkerArchive {
  /** {@code -Dprocpool.cds=false} or {@code PROCPOOL_CDS=off} turns archives off. */
  static final String SWITCH_PROPERTY = "procpool.cds";

  /** Background builds run at the lowest priority where {@code nice} exists. */
  private static final List<String> NICE = Files.isExecutable(Path.of("/usr/bin/nice"))
      ? List.of("/usr/bin/nice", "-n", "19") : List.of();

  private final Path archive;
  private final ArchiveFailures failures;
  private final String javaExecutable;
  private final List<String> jvmOptions;
  private final String classPath;

  private WorkerArchive(Path archive, String javaExecutable, List<String> jvmOptions, String classPath) {
    this.archive = archive;
    this.failures = new ArchiveFailures(archive.resolveSibling(archive.getFileName() + ".failed"));
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

  /**
   * Whether workers started now will use the archive: it exists and is the very file that was
   * built and proven. One that is not (empty, short, damaged, or from a build that left no
   * checksum) is removed here, so it is rebuilt.
   */
  public boolean ready() {
    if (!Files.exists(archive)) {
      return false;
    }
    if (ArchiveIntegrity.intact(archive)) {
      return true;
    }
    discard();
    return false;
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

  /**
   * Starts building the archive unless it exists, is being built, or failed too often lately;
   * first removes what killed coordinators left in the cache.
   */
  public void buildInBackground() {
    ArchiveTraining.removeDeadLeftovers(archive.getParent());
    if (ready() || failures.blocked()) {
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
    return failures.blocked() ? "failed (see " + failures.marker() + ")" : "missing";
  }

  /**
   * A worker started from the archive ended on its own (see {@link WorkerEnd}); returns whether
   * the pool should go on starting workers from it.
   *
   * <ul>
   *   <li>A crash, before or after the hello, counts against the archive: it is removed at once,
   *       so the next worker starts without it, and the next {@link #buildInBackground()} rebuilds
   *       it. A second crash within a day (or a failed build) stops rebuilds for a day
   *       ({@link ArchiveFailures}).
   *   <li>A kill from outside says nothing about the archive: keep using it.
   *   <li>An exit before the hello is not known to be the archive's fault, but a speed-up must
   *       never cost a start: this pool stops using it, and the file stays for the next.
   *   <li>An exit after the hello is the task's or the user's doing: keep using it.
   * </ul>
   */
  public boolean workerEnded(WorkerEnd end) {
    if (end.cause() == WorkerEnd.Cause.CRASH && Files.exists(archive)) {
      // Every worker started from a bad file may crash; the first report removes it, and
      // only that one counts as a strike.
      failures.struck("a worker started from the archive crashed: " + end.detail());
      discard();
    }
    return keeps(end);
  }

  /**
   * What {@link #workerEnded} answers, without touching a file: for a caller that decides under
   * a lock and leaves the files to {@link #workerEnded} after it.
   */
  public static boolean keeps(WorkerEnd end) {
    return switch (end.cause()) {
      case CRASH -> false;
      case KILLED -> true;
      case EXITED -> end.afterHello();
    };
  }

  /**
   * The JVM started a worker from the archive without mapping it (another JDK build's file, a
   * header that does not match): removed, so that the next build replaces it; one strike, as
   * for a crash.
   */
  public void rejectedByJvm(String detail) {
    if (Files.exists(archive)) {
      failures.struck("the JVM did not map the archive: " + detail);
      discard();
    }
  }

  /** Records a failed build: no new attempt for a day. */
  void buildFailed(String why) {
    failures.blocking(why);
  }

  /** Removes the archive and its checksum. */
  private void discard() {
    ArchiveIntegrity.forget(archive);
    try {
      Files.deleteIfExists(archive);
      Files.deleteIfExists(ArchiveIntegrity.sidecar(archive));
    } catch (IOException e) {
      // without its checksum it is never used; the next build replaces it
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
    // The JDK's own check of the header's and regions' CRCs: once per build it costs nothing.
    command.add("-XX:+VerifySharedSpaces");
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
