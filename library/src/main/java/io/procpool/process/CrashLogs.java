package io.procpool.process;

import io.procpool.cds.CacheDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a worker JVM writes its crash log ({@code hs_err_pid<pid>.log}): HotSpot's default is
 * the current directory, so a user's folder would collect them. They go to a {@code crashes}
 * folder of the cache directory instead, or to the temp directory when there is none. The
 * {@code crashes} folder keeps the newest {@link #KEPT} logs: older ones are removed whenever a
 * pool's worker command is made (the temp directory, shared with other programs, is left alone).
 */
final class CrashLogs {
  private static final String PATTERN = "hs_err_pid%p.log";
  /** How many crash logs the cache keeps; a few MB at most (a log is some 50 to 200 KB). */
  static final int KEPT = 20;

  private CrashLogs() {}

  /** The option that sends a worker's crash log here; prunes the folder first. */
  static String jvmOption() {
    Path directory = directory();
    if (directory.getFileName() != null && directory.getFileName().toString().equals("crashes")) {
      prune(directory, KEPT);
    }
    return "-XX:ErrorFile=" + directory.resolve(PATTERN);
  }

  /** Removes all but the newest {@code kept} crash logs of the folder; other files stay. */
  static void prune(Path crashes, int kept) {
    List<Path> logs;
    try (Stream<Path> files = Files.list(crashes)) {
      logs = files.filter(file -> file.getFileName().toString().matches("hs_err_pid\\d+\\.log")).toList();
    } catch (IOException e) {
      return; // nothing to list: nothing to prune
    }
    if (logs.size() <= kept) {
      return;
    }
    List<Path> newestFirst = new ArrayList<>(logs);
    newestFirst.sort(Comparator.comparing(CrashLogs::modified).reversed());
    for (Path old : newestFirst.subList(kept, newestFirst.size())) {
      try {
        Files.deleteIfExists(old);
      } catch (IOException e) {
        // another process's doing, or read-only: the next prune tries again
      }
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0); // gone already: first to go
    }
  }

  /** The crash log of the worker with this pid, if it wrote one. */
  static Optional<Path> of(long pid) {
    Path log = directory().resolve(PATTERN.replace("%p", Long.toString(pid)));
    return Files.isRegularFile(log) ? Optional.of(log) : Optional.empty();
  }

  /** Looked up each time (a few file checks per pool, or per death): tests change the cache. */
  private static Path directory() {
    return CacheDirectory.find().map(CrashLogs::crashesIn).orElse(Path.of(System.getProperty("java.io.tmpdir")));
  }

  private static Path crashesIn(Path cache) {
    Path crashes = cache.resolve("crashes");
    try {
      if (!Files.isDirectory(crashes)) {
        Files.createDirectory(crashes, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      return crashes;
    } catch (IOException | UnsupportedOperationException e) {
      return cache;
    }
  }
}
