package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker command that can never start is the user's setup, not a bug: exit 69, no output file. */
final class WorkerStartExitIT {
  @TempDir
  Path dir;

  @Test
  void run_workerCommandThatExitsAtOnce_exits69AndWritesNoJson() {
    Path json = dir.resolve("out.json");

    int status = Main.run("run", "--mode", "process", "--workers", "2", "--worker-command", "false",
        "--workload", "noop", "--tasks", "2", "--json", json.toString());

    assertEquals(ExitCodes.WORKERS_UNAVAILABLE, status);
    assertFalse(Files.exists(json), "no half-written output");
  }
}
