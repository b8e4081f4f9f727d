package io.procpool.cds;

import io.procpool.fn.Fn1;
import io.procpool.fn.Invocation;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
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
      int trained = run(archive.trainingCommand(candidate, WORKER_MAIN), log, ArchiveTraining::sendScript);
      if (trained != 0 || !Files.isRegularFile(candidate)) {
        archive.markFailed("training worker exited with status " + trained + "; see " + log);
        return false;
      }
      int checked = run(archive.checkCommand(candidate), log, stdin -> {});
      if (checked != 0) {
        archive.markFailed("the new archive did not map (status " + checked + "); see " + log);
        return false;
      }
      Files.move(candidate, archivePath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(log);
      return true;
    } catch (IOException e) {
      archive.markFailed("building the archive failed: " + e);
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
    Invocation same = Invocation.of((Fn1<Object, Object>) TrainingValue::same, 1);
    writer.write(new Run(++id, same.task(), List.of(same.arguments(1), same.arguments(2L), same.arguments("x"))));
    writer.flush();
  }

  /** Creates the lock file; takes over one left behind by a build that died. */
  private static boolean acquire(Path lock) {
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        Files.writeString(lock, Long.toString(ProcessHandle.current().pid()), StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return true;
      } catch (IOException exists) {
        try {
          FileTime modified = Files.getLastModifiedTime(lock);
          if (modified.toInstant().isAfter(Instant.now().minus(LIMIT))) {
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
   * Removes leftovers: archives (and markers) of earlier builds of the same jars, candidates of
   * dead builds, and anything untouched for a month.
   */
  private static void prune(Path archive) {
    Instant now = Instant.now();
    String sameSetUp = ArchiveKey.sameSetUpPrefix(archive.getFileName().toString());
    try (Stream<Path> files = Files.list(archive.getParent())) {
      files.filter(file -> file.getFileName().toString().startsWith("worker-")).forEach(file -> {
        try {
          String name = file.getFileName().toString();
          Instant modified = Files.getLastModifiedTime(file).toInstant();
          boolean candidate = name.endsWith(".tmp") || name.endsWith(".lock");
          boolean earlierBuild = !candidate && name.startsWith(sameSetUp)
              && !name.startsWith(archive.getFileName().toString());
          boolean staleCandidate = candidate && modified.isBefore(now.minus(LIMIT));
          boolean old = modified.isBefore(now.minus(PRUNE_AFTER));
          if (earlierBuild || staleCandidate || old) {
            Files.deleteIfExists(file);
          }
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
