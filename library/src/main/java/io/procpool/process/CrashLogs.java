package io.procpool.process;

import io.procpool.cds.CacheDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where a worker JVM writes its crash log ({@code hs_err_pid<pid>.log}): HotSpot's default is
 * the current directory, so a user's folder would collect them. They go to a {@code crashes}
 * folder of the cache directory instead, or to the temp directory when there is none.
 */
final class CrashLogs {
  private static final String PATTERN = "hs_err_pid%p.log";

  private CrashLogs() {}

  /** The option that sends a worker's crash log here. */
  static String jvmOption() {
    return "-XX:ErrorFile=" + directory().resolve(PATTERN);
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
