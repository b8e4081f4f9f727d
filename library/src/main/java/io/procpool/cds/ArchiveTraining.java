package io.procpool.cds;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * jars, locks and candidates of builds whose coordinator died (or that ran past
   * {@link #LIMIT}), logs of builds that were cut short, and anything untouched for a month.
   */
  private static void prune(Path archive) {
    Instant now = Instant.now();
    String archiveName = archive.getFileName().toString();
    String sameSetUp = ArchiveKey.sameSetUpPrefix(archiveName);
    try (Stream<Path> files = Files.list(archive.getParent())) {
      files.filter(file -> file.getFileName().toString().startsWith("worker-")).forEach(file -> {
        try {
          String name = file.getFileName().toString();
          Instant modified = Files.getLastModifiedTime(file).toInstant();
          boolean candidate = name.endsWith(".tmp") || name.endsWith(".lock");
          boolean earlierBuild = !candidate && name.startsWith(sameSetUp) && !name.startsWith(archiveName);
          boolean deadCandidate = candidate && (!ownerAlive(file) || modified.isBefore(now.minus(LIMIT)));
          String logOf = name.endsWith(".log") ? name.substring(0, name.length() - ".log".length()) : null;
          boolean cutShortLog = logOf != null && !Files.exists(file.resolveSibling(logOf + ".failed"))
              && (logOf.equals(archiveName) || !Files.exists(file.resolveSibling(logOf + ".lock")));
          boolean old = modified.isBefore(now.minus(PRUNE_AFTER));
          if (earlierBuild || deadCandidate || cutShortLog || old) {
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
