package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.procpool.process.WorkerCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator under a file size limit ({@code ulimit -f}, the kernel's EFBIG: a full disk that
 * strikes one file and not another): the file that fits is written whole, the other is not there.
 */
final class FileSizeLimitIT {
  @TempDir
  Path dir;

  @Test
  void sweep_chartPastTheFileSizeLimit_jsonStillWrittenAndExit74NamingTheChart() throws Exception {
    Path json = dir.resolve("sweep.json");
    Path chart = dir.resolve("sweep.svg"); // some 250 KB, past the limit of 16 KiB; the JSON is under 1 KB
    Path stderr = dir.resolve("stderr.txt");
    Process coordinator = new ProcessBuilder("sh", "-c", "ulimit -f 16 && exec \"$@\"", "sh",
        WorkerCommand.javaExecutable(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "sweep", "--modes", "thread", "--workers", "1..1", "--tasks", "1", "--size", "1",
        "--chart", chart.toString(), "--json", json.toString())
        .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(stderr.toFile()).start();

    assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS), "the coordinator did not exit");
    String err = Files.readString(stderr);
    assertEquals(ExitCodes.IO_ERROR, coordinator.exitValue(), err);
    assertTrue(err.contains("procpool: cannot write " + chart + ": File too large"), err);
    assertEquals(1, new ObjectMapper().readTree(json.toFile()).get("points").size(), "the JSON, whole");
    assertFalse(Files.exists(chart), "a cut chart under the user's name");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList());
    }
  }
}
