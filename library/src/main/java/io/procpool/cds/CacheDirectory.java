package io.procpool.cds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where archives are kept: {@code $XDG_CACHE_HOME/procpool}, {@code ~/.cache/procpool}, else the temp dir. */
final class CacheDirectory {
  /** Overrides the location (tests, read-only homes). */
  static final String PROPERTY = "procpool.cache.dir";

  private CacheDirectory() {}

  /** The first candidate that exists or can be created, and is writable; empty if none. */
  static Optional<Path> find() {
    for (Path candidate : candidates()) {
      try {
        Files.createDirectories(candidate);
        if (Files.isWritable(candidate)) {
          return Optional.of(candidate);
        }
      } catch (IOException | SecurityException e) {
        // try the next one
      }
    }
    return Optional.empty();
  }

  private static List<Path> candidates() {
    List<Path> candidates = new ArrayList<>();
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
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
