package io.procpool.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procpool.process.WorkerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real coordinator process, signalled by pid mid-run, during its workers' start-up and twice,
 * and killed with SIGKILL: the files it leaves are parsed, every task must be there exactly once.
 */
final class SignalStopIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** A coordinator started by the test, its stderr in a file. */
  private record Coordinator(Process process, Path stderr) {
    String err() throws IOException {
      return Files.readString(stderr);
    }

    /** Every process it started, seen while it runs. */
    List<ProcessHandle> workers() {
      return process.toHandle().descendants().toList();
    }

    void signal(String name) throws Exception {
      assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor());
    }

    int exitStatus() throws InterruptedException {
      assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the coordinator did not exit");
      return process.exitValue();
    }
  }

  private Coordinator start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    // Ctrl-C may be ignored by the test's own JVM (a background build): give the coordinator the default.
    if (Files.isExecutable(Path.of("/usr/bin/env"))) {
      command.addAll(List.of("/usr/bin/env", "--default-signal=INT"));
    }
    command.addAll(List.of(WorkerCommand.javaExecutable(), "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    Path stderr = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(stderr.toFile()).start();
    return new Coordinator(process, stderr);
  }

  @Test
  void run_sigtermMidRun_keepsEveryResultAndExits143() throws Exception {
    Path json = dir.resolve("out.json");
    Coordinator coordinator = start("run", "--mode", "process", "--workers", "2", "--workload", "sleep",
        "--size", "1500", "--tasks", "10", "--style", "as-completed", "--grace", "200ms", "--json", json.toString());
    await().atMost(Duration.ofSeconds(60)).until(() -> coordinator.err().contains("2/10 finished"));
    List<ProcessHandle> workers = coordinator.workers();

    coordinator.signal("TERM");

    assertEquals(ExitCodes.STOPPED_BY_SIGTERM, coordinator.exitStatus(), coordinator.err());
    Map<String, Integer> outcomes = outcomesOfEveryTask(json, 10);
    assertTrue(outcomes.getOrDefault("value", 0) >= 2, outcomes.toString());
    assertTrue(outcomes.getOrDefault("interrupted", 0) >= 1, outcomes.toString());
    assertTrue(outcomes.getOrDefault("cancelled", 0) >= 1, outcomes.toString());
    assertNoneAlive(workers);
    assertNoTemporaries();
  }

  @Test
  void run_twoSigints_killsAtOnceDespiteALongGraceAndExits130() throws Exception {
    Path json = dir.resolve("out.json");
    long seed = seedWithOneShortTaskFirst();
    Coordinator coordinator = start("run", "--mode", "process", "--workers", "2", "--workload", "sleep",
        "--size", "30000", "--spread", "1", "--seed", Long.toString(seed), "--tasks", "4",
        "--style", "as-completed", "--grace", "60s", "--json", json.toString());
    await().atMost(Duration.ofSeconds(60)).until(() -> coordinator.err().contains("1/4 finished"));
    List<ProcessHandle> workers = coordinator.workers();
    long start = System.nanoTime();

    coordinator.signal("INT");
    await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.err().contains("signal again to kill"));
    coordinator.signal("INT");

    assertEquals(ExitCodes.STOPPED_BY_SIGINT, coordinator.exitStatus(), coordinator.err());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "waited for the grace");
    Map<String, Integer> outcomes = outcomesOfEveryTask(json, 4);
    assertEquals(1, outcomes.getOrDefault("value", 0), outcomes.toString());
    assertTrue(outcomes.getOrDefault("interrupted", 0) >= 1, outcomes.toString());
    assertNoneAlive(workers);
  }

  /** A seed whose list of 4 sleeps (30 s, spread 1) starts with one under 0.3 s, the rest over 20 s. */
  private static long seedWithOneShortTaskFirst() {
    io.procpool.task.Task sleep = io.procpool.task.TaskRegistry.builtIn().get("sleep");
    for (long seed = 0; ; seed++) {
      io.procpool.run.Workload list = io.procpool.run.Workload.generate(sleep, 4, 30000, 1, seed);
      if (list.size(0) < 300 && list.size(1) > 20000 && list.size(2) > 20000 && list.size(3) > 20000) {
        return seed;
      }
    }
  }

  @Test
  void run_sigtermDuringWorkerStartup_cancelsEveryTaskAndLeavesNoWorker() throws Exception {
    Path json = dir.resolve("out.json");
    Path timeline = dir.resolve("timeline.svg");
    Coordinator coordinator = start("run", "--mode", "process", "--workers", "2", "--workload", "sleep",
        "--size", "100", "--tasks", "4", "--json", json.toString(), "--timeline", timeline.toString());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
        .until(() -> !coordinator.workers().isEmpty());
    List<ProcessHandle> workers = new ArrayList<>(coordinator.workers());

    coordinator.signal("TERM");

    int status = coordinator.exitStatus();
    workers.addAll(coordinator.workers());
    assertEquals(ExitCodes.STOPPED_BY_SIGTERM, status, coordinator.err());
    Map<String, Integer> outcomes = outcomesOfEveryTask(json, 4);
    assertEquals(4, outcomes.getOrDefault("cancelled", 0) + outcomes.getOrDefault("value", 0)
        + outcomes.getOrDefault("interrupted", 0), outcomes.toString());
    assertTrue(Files.readString(timeline).contains("<svg"), "timeline missing");
    assertNoneAlive(workers);
  }

  @Test
  void run_sigkillMidWrite_leavesNoHalfFileUnderTheNameAndTheNextRunRemovesTheTemporary() throws Exception {
    Path json = dir.resolve("out.json");
    Coordinator coordinator = start("run", "--mode", "serial", "--workload", "noop", "--tasks", "100000000",
        "--chunksize", "1000", "--json", json.toString());
    await().atMost(Duration.ofSeconds(60)).until(() -> temporaries().size() == 1 && Files.size(temporaries().get(0)) > 0);

    coordinator.signal("KILL");

    assertEquals(128 + 9, coordinator.exitStatus());
    assertFalse(Files.exists(json), "a half-written file under the user's name");
    assertEquals(ExitCodes.OK, Main.run("run", "--mode", "serial", "--workload", "noop", "--tasks", "3",
        "--json", json.toString()));
    assertEquals(3, JSON.readTree(json.toFile()).get("results").size());
    assertNoTemporaries();
  }

  @Test
  void compare_sigtermWhileTheFilesAreWritten_stopsNothingAndExitsWithTheComparesStatus() throws Exception {
    Path json = dir.resolve("compare.json");
    int tasks = 20_000; // failed, so each record carries a trace: a file of some 40 MB takes a while to write
    Coordinator coordinator = start("compare", "--modes", "serial", "--workload", "fail", "--tasks",
        Integer.toString(tasks), "--json", json.toString());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).ignoreExceptions()
        .until(() -> Files.size(temporaries().get(0)) > 0);

    coordinator.signal("TERM");

    assertEquals(ExitCodes.TASKS_FAILED, coordinator.exitStatus(), "was 0 or 143 by a race: " + coordinator.err());
    assertEquals(tasks, JSON.readTree(json.toFile()).get("runs").get(0).get("results").size());
    assertNoTemporaries();
  }

  /** Parses the file, checks every index appears once in order, and counts the outcomes by kind. */
  private static Map<String, Integer> outcomesOfEveryTask(Path json, int tasks) throws IOException {
    JsonNode document = JSON.readTree(json.toFile());
    JsonNode results = document.get("results");
    assertEquals(tasks, results.size());
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < tasks; i++) {
      JsonNode result = results.get(i);
      assertEquals(i, result.get("index").asInt());
      String outcome = result.has("error") ? result.get("error").get("type").asText() : "value";
      assertTrue(List.of("value", "cancelled", "interrupted").contains(outcome), result.toString());
      outcomes.merge(outcome, 1, Integer::sum);
    }
    assertEquals(outcomes.getOrDefault("value", 0), document.get("completed").asInt());
    assertEquals(tasks - outcomes.getOrDefault("value", 0), document.get("failed").asInt());
    return outcomes;
  }

  private static void assertNoneAlive(List<ProcessHandle> workers) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (ProcessHandle worker : workers) {
        assertFalse(worker.isAlive(), "worker " + worker.pid() + " survived");
      }
    });
  }

  private void assertNoTemporaries() throws IOException {
    assertEquals(List.of(), temporaries());
  }

  private List<Path> temporaries() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
