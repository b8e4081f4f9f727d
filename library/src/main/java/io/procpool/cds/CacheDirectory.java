package io.procpool.cds;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where archives and worker crash logs are kept: {@code $PROCPOOL_CACHE_DIR} (or
 * {@code -Dprocpool.cache.dir}), else {@code $XDG_CACHE_HOME/procpool}, {@code ~/.cache/procpool},
 * else {@code <temp dir>/procpool-<user>}.
 *
 * <p>Workers map what is in it as code, so it must be the user's own: a directory is used only
 * when it is owned by this user and writable by nobody else (in a shared {@code /tmp} another
 * user could otherwise plant an archive). One that does not exist is created owner-only.
 */
public final class CacheDirectory {
  /** Overrides the location (tests, read-only homes). */
  static final String PROPERTY = "procpool.cache.dir";
  /** The same override from the environment, so a test's coordinator processes inherit it. */
  static final String ENVIRONMENT = "PROCPOOL_CACHE_DIR";

  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private CacheDirectory() {}

  /** The first candidate that is safe to use, created if need be; empty if none. */
  public static Optional<Path> find() {
    for (Path candidate : candidates()) {
      if (usable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Creates the directory owner-only if it is missing; then checks that it is safe to use. */
  static boolean usable(Path directory) {
    try {
      if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) { // a dangling link is not created through
        Files.createDirectories(directory.getParent());
        if (POSIX) {
          Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectory(directory);
        }
      }
      return unsafeBecause(directory).isEmpty() && Files.isWritable(directory);
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return false; // try the next one
    }
  }

  /**
   * Why the directory must not be used, or empty when it is this user's own: a directory (links
   * followed: what counts is where they lead) owned by this user, not writable by group or others.
   */
  static Optional<String> unsafeBecause(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return Optional.of(directory + " is not a directory");
    }
    if (!POSIX) {
      return Optional.empty();
    }
    UserPrincipal owner = Files.getOwner(directory);
    UserPrincipal me = directory.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    if (!owner.equals(me)) {
      return Optional.of(directory + " is owned by " + owner.getName() + ", not " + me.getName());
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
    if (permissions.stream().anyMatch(OTHERS_WRITE::contains)) {
      return Optional.of(directory + " is writable by others (" + PosixFilePermissions.toString(permissions) + ")");
    }
    return Optional.empty();
  }

  private static List<Path> candidates() {
    List<Path> candidates = new ArrayList<>();
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENVIRONMENT);
    }
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured).toAbsolutePath());
      return candidates;
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      candidates.add(Path.of(xdg, "procpool"));
    }
    String home = System.getProperty("user.home");
    if (home != null && !home.isBlank() && !"?".equals(home)) {
      candidates.add(Path.of(home, ".cache", "procpool"));
    }
    candidates.add(Path.of(System.getProperty("java.io.tmpdir"), "procpool-" + System.getProperty("user.name")));
    return candidates;
  }
}
