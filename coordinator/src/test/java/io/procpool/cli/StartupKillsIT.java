package io.procpool.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.process.WorkerCommand;
import io.procpool.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real coordinator whose fresh workers are killed with SIGKILL right after their hello, several
 * in a row: a worker that said hello is a started one, so the run goes on with replacements, and
 * its {@code --json} has every field the README promises.
 */
final class StartupKillsIT {
  private static final int KILLS = 5;
  private static final int TASKS = 300;
  /** Every top-level field of {@code run --json} that README.md promises. */
  private static final List<String> PROMISED = List.of("mode", "workers", "tasks", "workload", "style", "chunksize",
      "completed", "failed", "wallMillis", "startupMillis", "processes", "pids", "threads", "workerProcesses",
      "results", "workerStartups", "protocolViolations");

  @TempDir
  Path dir;

  @Test
  void sigkillOfFreshWorkersRightAfterHello_runGoesOnAndJsonHasEveryPromisedField() throws Exception {
    Path json = dir.resolve("run.json");
    Path output = dir.resolve("out.txt");
    ProcessBuilder builder = new ProcessBuilder(List.of(WorkerCommand.javaExecutable(), "-jar",
        Path.of("target", "procpool.jar").toString(), "run", "--mode", "process", "--workers", "4", "--workload",
        "sleep", "--size", "10", "--tasks", Integer.toString(TASKS), "--json", json.toString()))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().put("PROCPOOL_CACHE_DIR", dir.resolve("cache").toString());
    Process coordinator = builder.start();
    Set<Long> killed = new HashSet<>();
    List<Long> seen = new ArrayList<>();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (killed.size() < KILLS && coordinator.isAlive() && System.nanoTime() < deadline) {
        for (ProcessHandle child : coordinator.toHandle().children().toList()) {
          if (!seen.contains(child.pid())) {
            seen.add(child.pid());
          }
          if (!killed.contains(child.pid()) && killed.size() < KILLS && saidHello(child.pid())) {
            child.destroyForcibly(); // SIGKILL, the moment its hello is out
            killed.add(child.pid());
          }
        }
        Thread.onSpinWait();
      }
      assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS), "the run did not end: " + Files.readString(output));
    } finally {
      coordinator.destroyForcibly();
    }
    String printed = Files.readString(output);
    System.out.printf("[procpool-it] %d workers killed right after their hello: exit %d%n", killed.size(),
        coordinator.exitValue());

    assertEquals(KILLS, killed.size(), printed);
    assertTrue(coordinator.exitValue() == ExitCodes.OK || coordinator.exitValue() == ExitCodes.TASKS_FAILED,
        "exit " + coordinator.exitValue() + ": " + printed);
    JsonNode run = Json.MAPPER.readTree(json.toFile());
    for (String field : PROMISED) {
      assertTrue(run.has(field), "no " + field + " in " + run);
    }
    assertEquals(TASKS, run.get("completed").asInt() + run.get("failed").asInt(), printed);
    assertEquals(TASKS, run.get("results").size());
    assertTrue(run.get("workerProcesses").asInt() >= 4 + KILLS, run.get("workerProcesses").toString());
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().noneMatch(pid ->
        ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !zombie(pid)));
  }

  /** A Java worker starts its request reader thread just after writing its hello. */
  private static boolean saidHello(long pid) {
    try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      return threads.anyMatch(thread -> {
        try {
          return Files.readString(thread.resolve("comm")).strip().equals("procpool-stdin");
        } catch (IOException e) {
          return false;
        }
      });
    } catch (IOException e) {
      return false; // gone
    }
  }

  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state == 'Z' || state == 'X';
    } catch (IOException e) {
      return true;
    }
  }
}
