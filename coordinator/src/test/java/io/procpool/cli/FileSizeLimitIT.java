package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.procpool.process.WorkerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator under a file size limit ({@code ulimit -f}, the kernel's EFBIG: a full disk that
 * strikes one file and not another): the file that fits is written whole, the other is not there,
 * and the exit status is 74.
 */
final class FileSizeLimitIT {
  @TempDir
  Path dir;

  private record Outcome(int status, String out, String err) {}

  @Test
  void sweep_chartPastTheLimit_jsonStillWrittenAndExit74NamingTheChart() throws Exception {
    Path json = dir.resolve("sweep.json");
    Path chart = dir.resolve("sweep.svg"); // some 250 KB; the JSON is under 1 KB

    Outcome outcome = underFileSizeLimit(16, "sweep", "--modes", "thread", "--workers", "1..1", "--tasks", "1",
        "--size", "1", "--chart", chart.toString(), "--json", json.toString());

    assertEquals(ExitCodes.IO_ERROR, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("procpool: cannot write " + chart + ": File too large"), outcome.err());
    assertEquals(1, new ObjectMapper().readTree(json.toFile()).get("points").size(), "the JSON, whole");
    assertFalse(Files.exists(chart), "a cut chart under the user's name");
    assertNoTemporaries();
  }

  @Test
  void run_recordsPastTheLimit_summaryAndTimelineStillThereAndExit74NamingTheJson() throws Exception {
    Path json = dir.resolve("run.json"); // some 3 MB of records
    Path timeline = dir.resolve("run.png"); // some 25 KB

    Outcome outcome = underFileSizeLimit(1024, "run", "--mode", "serial", "--workload", "noop", "--tasks", "20000",
        "--json", json.toString(), "--timeline", timeline.toString());

    assertEquals(ExitCodes.IO_ERROR, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("procpool: cannot write " + json + ": File too large"), outcome.err());
    assertTrue(outcome.out().contains("20000 completed, 0 failed"), "the summary: " + outcome.out());
    assertFalse(Files.exists(json), "cut records under the user's name");
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(timeline), 4));
    assertNoTemporaries();
  }

  private Outcome underFileSizeLimit(int kib, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -f " + kib + " && exec \"$@\"", "sh",
        WorkerCommand.javaExecutable(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process coordinator = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
        .start();
    assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS), "the coordinator did not exit");
    return new Outcome(coordinator.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  private void assertNoTemporaries() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList());
    }
  }
}
