package io.procpool.process;

import io.procpool.shm.ShmFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A pool's owner-only directory of shared-memory files, under {@code /dev/shm} (memory, not
 * disk) or else the temporary directory. Its name carries the coordinator's pid and start time,
 * so a later pool can prove that the coordinator of a leftover directory is dead (killed before
 * it could clean up) and remove it: the pid is gone, or now belongs to a process started at
 * another time. A coordinator that exits otherwise (SIGTERM, System.exit) removes it in a
 * shutdown hook.
 */
final class ShmDirectory implements AutoCloseable {
  static final String PREFIX = "procpool-shm-";
  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)-[0-9a-f]+");

  private final Path directory;
  /** Removes the directory when the JVM exits (SIGTERM, System.exit) before the pool is closed. */
  private final Thread atExit;
  /** Set before the directory is deleted: no new worker file after that. */
  private volatile boolean closed;

  private ShmDirectory(Path directory) {
    this.directory = directory;
    this.atExit = new Thread(() -> {
      closed = true;
      deleteTree(directory);
    }, "procpool-shm-cleanup");
    Runtime.getRuntime().addShutdownHook(atExit);
  }

  /** Removes provably dead leftovers in the usual place, then creates this pool's directory there. */
  static ShmDirectory create(Consumer<String> report) throws IOException {
    return create(defaultBase(), report);
  }

  static ShmDirectory create(Path base, Consumer<String> report) throws IOException {
    ShmFile.requireAccess();
    removeLeftovers(base, report);
    ProcessHandle self = ProcessHandle.current();
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    String name = PREFIX + self.pid() + "-" + startMillis(self).orElse(0L) + "-" + HexFormat.of().formatHex(random);
    return new ShmDirectory(Files.createDirectory(base.resolve(name),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
  }

  /** {@code /dev/shm} where it is a directory we may write, else {@code java.io.tmpdir}. */
  static Path defaultBase() {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
  }

  Path path() {
    return directory;
  }

  /** Creates and lays out a worker's file, owner-only. */
  ShmFile newFile(String workerId, int ringCapacity) throws IOException {
    if (closed) {
      throw new IOException("the pool's shared-memory folder is gone: the pool is closing");
    }
    Path file = Files.createFile(directory.resolve(workerId + ".ring"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      return ShmFile.create(file, ringCapacity);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Deletes the directory and whatever files are left in it. */
  @Override
  public void close() {
    closed = true;
    deleteTree(directory);
    try {
      Runtime.getRuntime().removeShutdownHook(atExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook runs anyway
    }
  }

  /** Deletes every directory of ours under {@code base} whose coordinator is provably dead. */
  static void removeLeftovers(Path base, Consumer<String> report) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
      for (Path entry : entries) {
        if (isLeftover(entry)) {
          deleteTree(entry);
          report.accept("removed " + entry + ": its coordinator is dead");
        }
      }
    } catch (IOException | UncheckedIOException e) {
      report.accept("cannot look for leftover shared-memory files in " + base + ": " + e.getMessage());
    }
  }

  private static boolean isLeftover(Path entry) throws IOException {
    Matcher name = NAME.matcher(entry.getFileName().toString());
    if (!name.matches() || !Files.isDirectory(entry) || !Files.isWritable(entry)) {
      return false; // not ours, or another user's
    }
    long pid = Long.parseLong(name.group(1));
    long started = Long.parseLong(name.group(2));
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    Optional<Long> actual = startMillis(process.get());
    // Alive under a pid that was reused: dead only if we know both start times and they differ.
    return started != 0 && actual.isPresent() && actual.get() != started;
  }

  private static Optional<Long> startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli);
  }

  /**
   * Retried: at exit the hook races the pool's own ends, which delete a worker's file while the
   * walk lists it, or lay out a replacement's file before they see the directory closed.
   */
  private static void deleteTree(Path root) {
    for (int attempt = 0; attempt < 5 && Files.exists(root, LinkOption.NOFOLLOW_LINKS); attempt++) {
      try (Stream<Path> paths = Files.walk(root)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> {
          try {
            Files.deleteIfExists(path);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (IOException | UncheckedIOException e) {
        Thread.onSpinWait(); // a file came or went meanwhile: walk again
      }
    }
  }
}
