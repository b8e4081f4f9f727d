package io.procpool.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The owner-only (0700) directory that holds a pool's Unix socket, named after the
 * coordinator's pid ({@code procpool-sockets-<pid>-<random>}), so that the next pool can
 * remove what a coordinator killed with SIGKILL left behind once that pid is no longer alive.
 */
final class SocketDirectory {
  static final String PREFIX = "procpool-sockets-";
  private static final String SOCKET_NAME = "pool.sock";

  private final Path directory;

  private SocketDirectory(Path directory) {
    this.directory = directory;
  }

  /** Creates a fresh directory under {@code base}, after removing the leftovers of dead coordinators there. */
  static SocketDirectory create(Path base) throws IOException {
    if (!Files.isDirectory(base)) { // else the error would name only the directory it tried to make
      throw new IOException("the socket's folder " + base + " (java.io.tmpdir) "
          + (Files.exists(base) ? "is not a folder" : "does not exist"));
    }
    removeLeftovers(base);
    Path directory = Files.createTempDirectory(base, PREFIX + ProcessHandle.current().pid() + "-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    // If the coordinator exits without closing the pool, the JVM still removes them (file first).
    directory.toFile().deleteOnExit();
    directory.resolve(SOCKET_NAME).toFile().deleteOnExit();
    return new SocketDirectory(directory);
  }

  Path socket() {
    return directory.resolve(SOCKET_NAME);
  }

  Path directory() {
    return directory;
  }

  /** Removes the socket and the directory; what cannot be removed is left for the next pool. */
  void delete() {
    removeTree(directory);
  }

  /**
   * Removes every directory of ours under {@code base} whose coordinator is provably gone: its
   * pid is not alive. A pid that is alive (perhaps reused by another process) keeps it.
   *
   * @return the directories removed
   */
  static List<Path> removeLeftovers(Path base) {
    List<Path> removed = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
      for (Path entry : entries) {
        Optional<Long> owner = ownerPid(entry.getFileName().toString());
        if (owner.isPresent() && !alive(owner.get()) && Files.isDirectory(entry) && removeTree(entry)) {
          removed.add(entry);
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable temporary directory: nothing of ours can be found there either
    }
    return removed;
  }

  /** The pid in {@code procpool-sockets-<pid>-<random>}, if the name has that shape. */
  static Optional<Long> ownerPid(String name) {
    if (!name.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = name.substring(PREFIX.length());
    int dash = rest.indexOf('-');
    try {
      return dash > 0 ? Optional.of(Long.parseLong(rest.substring(0, dash))) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Deletes a directory one level deep (a socket file is all it ever holds); whether it is gone. */
  private static boolean removeTree(Path directory) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        Files.deleteIfExists(entry);
      }
      Files.deleteIfExists(directory);
      return true;
    } catch (IOException e) {
      return !Files.exists(directory);
    }
  }
}
