package io.procpool.cds;

import io.procpool.fn.Fn1;
import io.procpool.fn.Invocation;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds an archive: one worker JVM runs a short, representative script of requests with
 * {@code -XX:ArchiveClassesAtExit}, a second JVM proves the result maps, and only then is it
 * renamed into place. A lock file keeps concurrent coordinators from building the same one.
 */
final class ArchiveTraining {
  static final String WORKER_MAIN = "io.procpool.worker.WorkerMain";
  /** A build taking longer than this is abandoned (and its lock counts as stale). */
  private static final Duration LIMIT = Duration.ofMinutes(2);
  /** How long a coordinator that is exiting waits for its build to finish. */
  private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
  private static final Duration PRUNE_AFTER = Duration.ofDays(30);

  private static final Map<Path, CompletableFuture<Boolean>> RUNNING = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ArchiveTraining::awaitAtExit, "procpool-cds-exit"));
  }

  private ArchiveTraining() {}

  static CompletableFuture<Boolean> running(Path archive) {
    CompletableFuture<Boolean> build = RUNNING.get(archive);
    return build == null || build.isDone() ? null : build;
  }

  /** Starts a daemon thread that builds the archive, unless this JVM or another already is. */
  static void startOnce(WorkerArchive archive) {
    CompletableFuture<Boolean> build = new CompletableFuture<>();
    if (RUNNING.putIfAbsent(archive.path(), build) != null) {
      return;
    }
    Thread thread = new Thread(() -> {
      boolean built = false;
      try {
        built = buildLocked(archive);
      } finally {
        build.complete(built);
      }
    }, "procpool-cds-build");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static boolean buildLocked(WorkerArchive archive) {
    Path lock = archive.path().resolveSibling(archive.path().getFileName() + ".lock");
    if (!acquire(lock)) {
      return false; // another coordinator is building it
    }
    try {
      prune(archive.path());
      return build(archive);
    } finally {
      try {
        Files.deleteIfExists(lock);
      } catch (IOException e) {
        // goes stale and is taken over after LIMIT
      }
    }
  }

  private static boolean build(WorkerArchive archive) {
    Path archivePath = archive.path();
    Path candidate = archivePath.resolveSibling(
        archivePath.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    Path log = archivePath.resolveSibling(archivePath.getFileName() + ".log");
    try {
      Files.deleteIfExists(candidate);
      Files.deleteIfExists(log); // of an earlier attempt: this one's says why it failed
      int trained = run(archive.trainingCommand(candidate, WORKER_MAIN), log, ArchiveTraining::sendScript);
      if (trained != 0 || !Files.isRegularFile(candidate)) {
        archive.buildFailed("training worker exited with status " + trained + "; see " + log);
        return false;
      }
      int checked = run(archive.checkCommand(candidate), log, stdin -> {});
      if (checked != 0) {
        archive.buildFailed("the new archive did not map (status " + checked + "); see " + log);
        return false;
      }
      // The checksum goes first: a coordinator that saw the archive without it would remove it.
      ArchiveIntegrity.record(candidate, archivePath);
      Files.move(candidate, archivePath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(log);
      return true;
    } catch (IOException e) {
      archive.buildFailed("building the archive failed: " + e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      try {
        Files.deleteIfExists(candidate);
      } catch (IOException e) {
        // pruned later
      }
    }
  }

  private interface Feeder {
    void feed(OutputStream stdin) throws IOException;
  }

  private static int run(List<String> command, Path log, Feeder feeder) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    try (OutputStream stdin = process.getOutputStream()) {
      feeder.feed(stdin);
    } catch (IOException e) {
      // the process died early; its status says why
    }
    if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  /** Requests that walk the worker's whole steady-state path, so its classes are archived. */
  private static void sendScript(OutputStream stdin) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("k", List.of(1L, 2.5, true));
    MessageWriter writer = new MessageWriter(stdin);
    long id = 0;
    writer.write(new Run(++id, "noop", List.of(1L)));
    writer.write(new Run(++id, "echo", List.of("x".repeat(1000), "é€")));
    writer.write(new Run(++id, "noop", Arrays.asList(null, false, -1.5, object, List.of("a"))));
    writer.write(new Run(++id, "cpu-heavy", List.of(1000L, 2000L)));
    writer.write(new Run(++id, "fail", List.of(1L)));
    writer.write(new Run(++id, "no-such-task", List.of(1L)));
    // A typed call of each shape: named once, then the steady state of several calls.
    Invocation record = Invocation.of((Fn1<TrainingValue, TrainingValue>) TrainingValue::next, 1);
    TrainingValue value = new TrainingValue(1, 2.5, "é", true, List.of(1L, 2L), Optional.of(LocalDate.of(2024, 2, 29)));
    writer.write(new Run(++id, record.task(), List.of(record.arguments(value), record.arguments(value))));
    writer.write(new Run(++id, record.eachTask(), List.of("[" + record.arguments(value) + "," + record.arguments(value) + "]")));
    Invocation scalars = Invocation.of((Fn1<TrainingValue.Scalars, TrainingValue.Scalars>) TrainingValue.Scalars::next, 1);
    TrainingValue.Scalars small = new TrainingValue.Scalars(1, 2, 2.5, "é\"", null);
    writer.write(new Run(++id, scalars.task(), List.of(scalars.arguments(small), scalars.arguments(small))));
    Invocation same = Invocation.of((Fn1<Object, Object>) TrainingValue::same, 1);
    writer.write(new Run(++id, same.task(), List.of(same.arguments(1), same.arguments(2L), same.arguments("x"),
        same.arguments(small))));
    writer.flush();
  }

  /**
   * Creates the lock file, which holds the builder's pid. Takes over at once a lock whose owner
   * is dead (a coordinator killed by SIGKILL), and one older than {@link #LIMIT} (a hung build).
   */
  static boolean acquire(Path lock) {
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        Files.writeString(lock, Long.toString(ProcessHandle.current().pid()), StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return true;
      } catch (IOException exists) {
        try {
          if (ownerAlive(lock) && Files.getLastModifiedTime(lock).toInstant().isAfter(Instant.now().minus(LIMIT))) {
            return false;
          }
          Files.deleteIfExists(lock);
        } catch (IOException e) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * Whether the process that wrote this lock (or temporary) still runs. A pid is reused in
   * time: a live process that started after the file was written is not its owner.
   */
  static boolean ownerAlive(Path file) throws IOException {
    OptionalLong pid = ownerPid(file);
    if (pid.isEmpty()) {
      return true; // not ours to judge; it goes stale after LIMIT
    }
    Instant written = Files.getLastModifiedTime(file).toInstant();
    return ProcessHandle.of(pid.getAsLong())
        .filter(ProcessHandle::isAlive)
        .filter(owner -> owner.info().startInstant().map(start -> !start.isAfter(written)).orElse(true))
        .isPresent();
  }

  /** A lock holds its owner's pid; a candidate has it in its name, {@code <archive>.<pid>.tmp}. */
  private static OptionalLong ownerPid(Path file) {
    String name = file.getFileName().toString();
    try {
      if (name.endsWith(".lock")) {
        return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
      }
      if (name.endsWith(".tmp")) {
        String withoutSuffix = name.substring(0, name.length() - ".tmp".length());
        return OptionalLong.of(Long.parseLong(withoutSuffix.substring(withoutSuffix.lastIndexOf('.') + 1)));
      }
    } catch (IOException | NumberFormatException e) {
      // an empty lock (its owner died while writing it) or a name not of ours
      return name.endsWith(".lock") ? OptionalLong.of(-1) : OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /**
   * Removes leftovers: archives (with their markers and checksums) of earlier builds of the same
   * jars, and anything untouched for a month; then {@link #removeDeadLeftovers}, and the oldest
   * archives past {@link ArchiveCap#MAX_ARCHIVES}.
   */
  private static void prune(Path archive) {
    Instant now = Instant.now();
    String archiveName = archive.getFileName().toString();
    String sameSetUp = ArchiveKey.sameSetUpPrefix(archiveName);
    forEachOwnFile(archive.getParent(), (file, name, modified) -> {
      boolean leftover = name.endsWith(".tmp") || name.endsWith(".lock") || name.endsWith(".log");
      boolean earlierBuild = !leftover && name.startsWith(sameSetUp) && !name.startsWith(archiveName);
      if (earlierBuild || modified.isBefore(now.minus(PRUNE_AFTER))) {
        Files.deleteIfExists(file);
      }
    });
    removeDeadLeftovers(archive.getParent());
    ArchiveCap.keepNewest(archive.getParent(), ArchiveCap.MAX_ARCHIVES, archive);
  }

  /**
   * Removes what builds cut short left behind: locks and candidates whose coordinator is dead
   * (or that ran past {@link #LIMIT}), and logs of builds that neither failed nor still run. A
   * training JVM orphaned by a killed coordinator may still write its candidate after this, so
   * every pool's start runs it, not only a build.
   */
  static void removeDeadLeftovers(Path directory) {
    Instant now = Instant.now();
    forEachOwnFile(directory, (file, name, modified) -> {
      if (name.endsWith(".tmp") || name.endsWith(".lock")) {
        if (!ownerAlive(file) || modified.isBefore(now.minus(LIMIT))) {
          Files.deleteIfExists(file);
        }
      } else if (name.endsWith(".log")) {
        String archive = name.substring(0, name.length() - ".log".length());
        if (!Files.exists(file.resolveSibling(archive + ".failed")) && !Files.exists(file.resolveSibling(archive + ".lock"))) {
          Files.deleteIfExists(file);
        }
      }
    });
  }

  private interface FileAction {
    void apply(Path file, String name, Instant modified) throws IOException;
  }

  /** Applies the action to each {@code worker-*} file of the directory; a file it fails on is left. */
  private static void forEachOwnFile(Path directory, FileAction action) {
    try (Stream<Path> files = Files.list(directory)) {
      files.filter(file -> file.getFileName().toString().startsWith("worker-")).forEach(file -> {
        try {
          action.apply(file, file.getFileName().toString(), Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
          // leave it
        }
      });
    } catch (IOException e) {
      // nothing pruned
    }
  }

  /** An exiting coordinator gives its build a few seconds, so the next run finds the archive. */
  private static void awaitAtExit() {
    long deadline = System.nanoTime() + EXIT_GRACE.toNanos();
    for (CompletableFuture<Boolean> build : RUNNING.values()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        build.get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        // give up: the candidate is pruned later and the next run builds again
      }
    }
  }
}
