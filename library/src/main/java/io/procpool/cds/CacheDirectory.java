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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

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

  /** The warnings printed so far: each once per JVM, however many pools look. */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private CacheDirectory() {}

  /**
   * The first candidate that is safe to use, created if need be; empty if none. A directory the
   * user configured that cannot be used is named on stderr, once per JVM.
   */
  public static Optional<Path> find() {
    return find(CacheDirectory::warnOnce);
  }

  /** {@link #find()}, telling {@code warnings} why a configured directory is not used. */
  static Optional<Path> find(Consumer<String> warnings) {
    String configured = configured();
    for (Path candidate : candidates(configured)) {
      Optional<String> unusable = unusableBecause(candidate);
      if (unusable.isEmpty()) {
        return Optional.of(candidate);
      }
      if (configured != null) {
        warnings.accept("procpool: the cache directory " + configured + " (" + ENVIRONMENT + " or -D" + PROPERTY
            + ") is not used: " + unusable.get() + "; workers start without the class-data archive");
      }
    }
    return Optional.empty();
  }

  /** Creates the directory owner-only if it is missing; then says why it is not safe to use, if it is not. */
  static Optional<String> unusableBecause(Path directory) {
    try {
      if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) { // a dangling link is not created through
        Files.createDirectories(directory.getParent());
        if (POSIX) {
          Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectory(directory);
        }
      }
      Optional<String> unsafe = unsafeBecause(directory);
      return unsafe.isPresent() || Files.isWritable(directory) ? unsafe
          : Optional.of(directory + " is not writable");
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return Optional.of(directory + " cannot be made (" + e.getClass().getSimpleName() + ": " + e.getMessage()
          + ")"); // try the next one
    }
  }

  private static void warnOnce(String warning) {
    if (WARNED.add(warning)) {
      System.err.println(warning);
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

  /** The directory the user chose, or null. */
  private static String configured() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENVIRONMENT);
    }
    return configured == null || configured.isBlank() ? null : configured;
  }

  private static List<Path> candidates(String configured) {
    List<Path> candidates = new ArrayList<>();
    if (configured != null) {
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
