package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** virtual-thread mode for real: procpool's jar on a Java 21+ JDK, when one is installed. */
final class VirtualThreadModeIT {
  @TempDir
  Path dir;

  @Test
  void run_virtualThreadOnNewerJdk_onePerTaskAndExitZero() throws Exception {
    Optional<Path> java = NewerJdk.java(21);
    assumeTrue(java.isPresent(), "no JDK 21+ under /usr/lib/jvm or $JAVA21_HOME");
    Path json = dir.resolve("run.json");

    Process process = new ProcessBuilder(java.get().toString(), "-jar", Path.of("target", "procpool.jar").toString(),
        "run", "--mode", "virtual-thread", "--workload", "sleep", "--size", "50", "--tasks", "8",
        "--workers", "8", "--json", json.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();

    assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "procpool did not finish");
    assertEquals(0, process.exitValue(), Files.readString(dir.resolve("out.txt")));
    JsonNode document = Json.MAPPER.readTree(json.toFile());
    assertEquals("virtual-thread", document.get("mode").asText());
    assertEquals(8, document.get("completed").asInt());
    assertEquals(8, document.get("threads").asInt(), "one virtual thread per task");
    Set<String> names = new HashSet<>();
    document.get("results").forEach(result -> names.add(result.get("thread").asText()));
    assertEquals(8, names.size());
  }
}
