package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Builds docs/examples/primes, a separate Maven project that depends on procpool, and runs its
 * jar: the way a user meets the library. Offline, and without installing into the shared local
 * repository: Maven gets a repository of its own under target/, holding the jars this build
 * just made and links to everything else in the usual local repository.
 */
final class ExampleProjectIT {
  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void exampleProject_builtAgainstThisBuild_runsItsRecordTypedFunctionInEveryModeFromItsJarAndUnderExecJava() throws Exception {
    Path target = ROOT.resolve("coordinator/target");
    Path repository = seededRepository(target.resolve("example-repository"));
    Path project = target.resolve("example-primes");
    copyTree(ROOT.resolve("docs/examples/primes"), project);

    run(project, List.of("mvn", "-o", "-q", "-B", "-DskipTests", "-Dmaven.repo.local=" + repository, "package"));
    String fatJar = run(project, List.of(javaExecutable(), "-jar", "target/primes.jar"));
    // Inside Maven's JVM, on Maven's class loader: java.class.path names only Maven's own launcher.
    // The plugin by its full name: offline, Maven cannot look up what the prefix "exec" stands for.
    String execJava = run(project, List.of("mvn", "-o", "-q", "-B", "-Dmaven.repo.local=" + repository,
        "org.codehaus.mojo:exec-maven-plugin:3.5.0:java")).replaceAll("\u001B\\[[0-9;]*m", ""); // Maven's colours

    String same = "counts [25, 168, 1229], 14 * 3 = 42, 1 / 0 threw ArithmeticException: / by zero, ran in ";
    List<String> expected = List.of("serial: " + same + "this JVM", "threads: " + same + "this JVM",
        "processes: " + same + "a worker JVM");
    assertEquals(expected, fatJar.lines().toList(), "java -jar");
    assertEquals(expected, execJava.lines().toList(), "mvn exec:java");
  }

  /** Links to the shared repository's folders, with procpool's own artifacts copied in from this build. */
  private static Path seededRepository(Path repository) throws IOException {
    deleteTree(repository);
    Files.createDirectories(repository.resolve("io"));
    Path shared = Path.of(System.getProperty("procpool.localRepository",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    try (DirectoryStream<Path> groups = Files.newDirectoryStream(shared)) {
      for (Path group : groups) {
        if (!group.getFileName().toString().equals("io")) {
          Files.createSymbolicLink(repository.resolve(group.getFileName().toString()), group);
        }
      }
    }
    if (Files.isDirectory(shared.resolve("io"))) {
      try (DirectoryStream<Path> groups = Files.newDirectoryStream(shared.resolve("io"))) {
        for (Path group : groups) {
          if (!group.getFileName().toString().equals("procpool")) {
            Files.createSymbolicLink(repository.resolve("io").resolve(group.getFileName().toString()), group);
          }
        }
      }
    }
    install(repository, "procpool-parent", ROOT.resolve("pom.xml"), null);
    install(repository, "procpool-common", ROOT.resolve("common/pom.xml"), ROOT.resolve("common/target"));
    install(repository, "procpool-worker", ROOT.resolve("worker/pom.xml"), ROOT.resolve("worker/target"));
    install(repository, "procpool", ROOT.resolve("library/pom.xml"), ROOT.resolve("library/target"));
    return repository;
  }

  private static void install(Path repository, String artifact, Path pom, Path jarFolder) throws IOException {
    Path folder = Files.createDirectories(repository.resolve("io/procpool").resolve(artifact).resolve(VERSION));
    String base = artifact + "-" + VERSION;
    Files.copy(pom, folder.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jarFolder != null) {
      Files.copy(jarFolder.resolve(base + ".jar"), folder.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String run(Path directory, List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "still running: " + command);
    assertEquals(0, process.exitValue(), command + " failed:\n" + output);
    return output;
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    deleteTree(to);
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (!from.relativize(path).startsWith("target")) {
          Path copy = to.resolve(from.relativize(path).toString());
          if (Files.isDirectory(path)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(path, copy);
          }
        }
      }
    }
  }

  /** Deletes links as links: never what they point to. */
  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
        for (Path child : children) {
          deleteTree(child);
        }
      }
    }
    Files.delete(root);
  }
}
