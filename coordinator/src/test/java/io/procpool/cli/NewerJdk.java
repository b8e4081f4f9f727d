package io.procpool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds an installed JDK of at least some version, to run procpool's jar on it in tests. */
final class NewerJdk {
  private NewerJdk() {}

  /** The java launcher of $JAVA21_HOME, else of the newest JDK under /usr/lib/jvm, if new enough. */
  static Optional<Path> java(int minimumFeature) {
    String configured = System.getenv("JAVA21_HOME");
    if (configured != null && feature(Path.of(configured)) >= minimumFeature) {
      return Optional.of(Path.of(configured, "bin", "java"));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(home -> feature(home) >= minimumFeature)
          .max(Comparator.comparingInt(NewerJdk::feature))
          .map(home -> home.resolve("bin").resolve("java"))
          .filter(Files::isExecutable);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The feature version in a JDK's {@code release} file (JAVA_VERSION="25.0.1"), or 0. */
  private static int feature(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+-]")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
