package io.procpool.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.cli.ExitCodes;
import io.procpool.cli.Main;
import io.procpool.report.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin example of docs/plugin-example, compiled and packaged here, run through --classpath. */
final class PluginTaskIT {
  private static final Path EXAMPLE = Path.of("..", "docs", "plugin-example");

  @TempDir
  static Path dir;

  static Path jar;

  @BeforeAll
  static void buildPluginJar() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "--release", "17", "-cp", System.getProperty("java.class.path"),
        "-d", classes.toString(), EXAMPLE.resolve("src/com/example/CollatzSteps.java").toString());
    assertEquals(0, status, "the example task does not compile");
    jar = dir.resolve("collatz.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      add(out, "META-INF/services/io.procpool.task.Task",
          EXAMPLE.resolve("META-INF/services/io.procpool.task.Task"));
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          add(out, classes.relativize(file).toString().replace('\\', '/'), file);
        }
      }
    }
  }

  private static void add(JarOutputStream out, String name, Path file) throws IOException {
    out.putNextEntry(new JarEntry(name));
    Files.copy(file, (OutputStream) out);
    out.closeEntry();
  }

  private static long collatzSteps(long n) {
    long steps = 0;
    for (; n != 1; steps++) {
      n = n % 2 == 0 ? n / 2 : 3 * n + 1;
    }
    return steps;
  }

  @Test
  void run_pluginTaskFromJar_runsInWorkersAndThreads() throws IOException {
    for (String mode : List.of("process", "thread")) {
      Path json = dir.resolve(mode + ".json");

      int status = Main.run("run", "--mode", mode, "--workers", "2", "--classpath", jar.toString(),
          "--workload", "collatz-steps", "--tasks", "5", "--size", "1000", "--spread", "0.9", "--json",
          json.toString());

      assertEquals(ExitCodes.OK, status, mode);
      JsonNode results = Json.MAPPER.readTree(json.toFile()).get("results");
      assertEquals(5, results.size());
      for (JsonNode result : results) {
        assertEquals(collatzSteps(result.get("size").asLong()), result.get("value").asLong(), mode);
      }
    }
  }

  @Test
  void run_unknownTaskWithoutPlugin_listsAvailableNames() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    picocli.CommandLine commandLine = Main.commandLine();
    commandLine.setErr(new java.io.PrintWriter(err, true));

    int status = commandLine.execute("run", "--mode", "process", "--workload", "collatz-steps");

    assertEquals(ExitCodes.USAGE, status);
    assertTrue(err.toString().contains("unknown task 'collatz-steps'; available: chatter, counter, cpu-heavy"),
        err.toString());
  }
}
