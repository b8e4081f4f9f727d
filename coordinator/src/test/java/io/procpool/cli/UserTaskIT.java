package io.procpool.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procpool.process.WorkerCommand;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run and compare on a user's own method and JSON-lines input, with real worker JVMs. */
final class UserTaskIT {
  @TempDir
  static Path app;

  @TempDir
  Path dir;

  @BeforeAll
  static void compileTheUsersCode() throws Exception {
    UsersCode.compile(app, "com.example.Primes", """
        package com.example;
        public class Primes {
          public record Range(long from, long to) {}
          public static long countPrimes(Range range) {
            long count = 0;
            for (long n = Math.max(2, range.from()); n < range.to(); n++) {
              boolean prime = true;
              for (long d = 2; d * d <= n; d++) {
                if (n % d == 0) { prime = false; break; }
              }
              if (prime) count++;
            }
            return count;
          }
          public static long divide(long x, long y) { return x / y; }
          public static Range widened(Range range) { return new Range(range.from() - 1, range.to() + 1); }
          public static long nap(long millis) throws InterruptedException { Thread.sleep(millis); return millis; }
        }
        """);
  }

  @Test
  void run_inputWithBadLinesInTheMiddle_writesBareValuesInInputOrderAndTheBadLinesInPlace() throws Exception {
    Path input = Files.writeString(dir.resolve("ranges.jsonl"), """
        {"from": 1, "to": 100}
        {"from": 1, "to": 1000}
        not json
        {"from": 1, "to": "x"}
        {"from": 1, "to": 10000}
        """);
    Path output = dir.resolve("counts.jsonl");
    Captured human = Captured.stdout(() -> Main.run("run", "--mode", "process", "--workers", "2",
        "--classpath", app.resolve("classes").toString(), "--task", "com.example.Primes::countPrimes",
        "--input", input.toString(), "--output", output.toString()));

    assertEquals(ExitCodes.TASKS_FAILED, human.status());
    List<String> lines = Files.readAllLines(output);
    assertEquals(5, lines.size(), lines.toString());
    assertEquals("25", lines.get(0));
    assertEquals("168", lines.get(1));
    assertTrue(lines.get(2).startsWith("{\"line\":3,\"error\":{\"type\":\"bad-input\""), lines.get(2));
    assertTrue(lines.get(3).contains("argument 1 of com.example.Primes::countPrimes"), lines.get(3));
    assertEquals("1229", lines.get(4));
    assertTrue(human.text().contains("input line 3: not JSON"), human.text());
    assertTrue(human.text().contains("3 calls, 0 failed, 2 bad lines"), human.text());
  }

  @Test
  void run_failFast_stopsAtTheFirstBadLine() throws Exception {
    Path input = Files.writeString(dir.resolve("ranges.jsonl"), "{\"from\":1,\"to\":100}\n[1, 2, 3]\n{\"from\":1,\"to\":1000}\n");
    Path output = dir.resolve("counts.jsonl");
    Captured human = runTask("thread", "com.example.Primes::countPrimes", input, output, "--fail-fast");

    assertEquals(ExitCodes.TASKS_FAILED, human.status());
    List<String> lines = Files.readAllLines(output);
    assertEquals(2, lines.size(), lines.toString());
    assertEquals("25", lines.get(0));
    assertTrue(lines.get(1).startsWith("{\"line\":2,\"error\""), lines.get(1));
  }

  @Test
  void run_failFastInSerialMode_cancelsTheCallsAfterTheFirstFailure() throws Exception {
    Path input = Files.writeString(dir.resolve("pairs.jsonl"), "[1, 0]\n[10, 2]\n[9, 3]\n");
    Path output = dir.resolve("quotients.jsonl");
    Captured human = runTask("serial", "com.example.Primes::divide", input, output, "--fail-fast");

    assertEquals(ExitCodes.TASKS_FAILED, human.status());
    List<String> lines = Files.readAllLines(output);
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("{\"line\":1,\"error\":{\"type\":\"task-error\""), lines.get(0));
    for (String line : lines.subList(1, 3)) {
      assertTrue(line.contains("\"type\":\"cancelled\"") && line.contains("an earlier task failed (--fail-fast)"), line);
    }
  }

  @Test
  void run_mapStyleWithAFailingCall_saysSoOnItsLineAndOnTheTerminal() throws Exception {
    Path input = Files.writeString(dir.resolve("pairs.jsonl"), "[10, 2]\n[1, 0]\n[9, 3]\n");
    Path output = dir.resolve("quotients.jsonl");
    Captured human = runTask("serial", "com.example.Primes::divide", input, output);

    assertEquals(ExitCodes.TASKS_FAILED, human.status());
    assertEquals(List.of("5",
        "{\"line\":2,\"error\":{\"type\":\"task-error\",\"exception\":\"java.lang.ArithmeticException\",\"message\":\"/ by zero\"}}",
        "3"), Files.readAllLines(output));
    assertTrue(human.text().contains("input line 2: {\"type\":\"task-error\""), human.text());
  }

  @Test
  void compare_usersTask_allModesAgreeInOneTable() throws Exception {
    Path input = Files.writeString(dir.resolve("ranges.jsonl"),
        "{\"from\":1,\"to\":20000}\n{\"from\":20000,\"to\":40000}\n{\"from\":40000,\"to\":60000}\n");
    Captured human = Captured.stdout(() -> Main.run("compare", "--workers", "2",
        "--classpath", app.resolve("classes").toString(), "--task", "com.example.Primes::countPrimes",
        "--input", input.toString()));

    assertEquals(ExitCodes.OK, human.status(), human.text());
    assertTrue(human.text().contains("All 3 modes returned identical results for all 3 calls."), human.text());
    assertTrue(human.text().matches("(?s).*\\nprocess\\s+2\\s.*"), human.text());
  }

  @Test
  void compare_usersTaskWithJsonAndTimeline_sameTableAndFilesAsABuiltInWorkload() throws Exception {
    Path input = Files.writeString(dir.resolve("ranges.jsonl"), "{\"from\":1,\"to\":9}\nnot json\n{\"from\":5,\"to\":7}\n");
    Path json = dir.resolve("compare.json");
    Path chart = dir.resolve("compare.png");
    Captured human = Captured.stdout(() -> Main.run("compare", "--workers", "2",
        "--classpath", app.resolve("classes").toString(), "--task", "com.example.Primes::widened",
        "--input", input.toString(), "--json", json.toString(), "--timeline", chart.toString()));

    assertEquals(ExitCodes.TASKS_FAILED, human.status(), "line 2 is bad:\n" + human.text());
    assertTrue(human.text().contains("input line 2: not JSON"), human.text());
    assertTrue(human.text().contains("compare: com.example.Primes::widened on 2 calls, 2 workers"), human.text());
    assertTrue(human.text().contains("excl. start processes threads failed"), human.text());
    assertTrue(human.text().contains("All 3 modes returned identical results for all 2 calls."), human.text());
    JsonNode document = new ObjectMapper().readTree(json.toFile());
    assertEquals("com.example.Primes::widened", document.get("workload").asText());
    List<String> modes = new ArrayList<>();
    for (JsonNode run : document.get("runs")) {
      modes.add(run.get("mode").asText());
      JsonNode results = run.get("results");
      assertEquals(new ObjectMapper().readTree("{\"from\":0,\"to\":10}"), results.get(0).get("value"), run.toString());
      assertEquals(1, results.get(0).get("size").asInt(), "a call's size is its input line");
      assertEquals(new ObjectMapper().readTree("{\"from\":4,\"to\":8}"), results.get(1).get("value"), run.toString());
      assertEquals(3, results.get(1).get("size").asInt());
    }
    assertEquals(List.of("serial", "thread", "process"), modes);
    byte[] png = Files.readAllBytes(chart);
    assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII), "the timeline is a PNG");
  }

  @Test
  void run_sigtermMidRun_everyCallHasItsLineInAWholeOutputFileAndExit143() throws Exception {
    Path input = Files.writeString(dir.resolve("naps.jsonl"), "1500\n".repeat(12));
    Path output = dir.resolve("naps.out.jsonl");
    Process cli = new ProcessBuilder(WorkerCommand.javaExecutable(), "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "run", "--mode", "process", "--workers", "2", "--grace", "200ms",
        "--classpath", app.resolve("classes").toString(), "--task", "com.example.Primes::nap",
        "--input", input.toString(), "--output", output.toString())
        .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
        .start();
    List<ProcessHandle> workers = await().atMost(Duration.ofSeconds(60))
        .until(() -> cli.descendants().filter(p -> p.info().commandLine().orElse("").contains("WorkerMain")).toList(),
            found -> found.size() == 2);

    assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(cli.pid())).start().waitFor());

    assertTrue(cli.waitFor(60, TimeUnit.SECONDS), "the coordinator did not exit");
    String stdout = Files.readString(dir.resolve("stdout.txt"));
    assertEquals(ExitCodes.STOPPED_BY_SIGTERM, cli.exitValue(), stdout + Files.readString(dir.resolve("stderr.txt")));
    List<String> lines = Files.readAllLines(output);
    assertEquals(12, lines.size(), "one line per call: " + lines);
    for (String line : lines) {
      assertTrue(line.equals("1500") || line.contains("\"type\":\"cancelled\"") || line.contains("\"type\":\"interrupted\""),
          line);
    }
    assertTrue(lines.stream().anyMatch(line -> line.contains("the run was stopped")), lines.toString());
    assertTrue(stdout.contains("stopped by SIGTERM"), stdout);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.filter(file -> file.getFileName().toString().contains(".procpool-")).toList(),
          "no temporary left beside the output");
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
  }

  @Test
  void run_stdinToStdout_streamsResultsInFinishOrderWithTheirLines() throws Exception {
    Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--mode", "process",
        "--workers", "1", "--style", "as-completed", "--classpath", app.resolve("classes").toString(),
        "--task", "com.example.Primes::divide", "--input", "-", "--output", "-")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try (OutputStream stdin = cli.getOutputStream()) {
      stdin.write("[10, 2]\n[1, 0]\n".getBytes(StandardCharsets.UTF_8));
    }
    String stdout = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(cli.waitFor(60, TimeUnit.SECONDS));
    assertEquals(ExitCodes.TASKS_FAILED, cli.exitValue());
    assertEquals(List.of("{\"line\":1,\"value\":5}",
        "{\"line\":2,\"error\":{\"type\":\"task-error\",\"exception\":\"java.lang.ArithmeticException\",\"message\":\"/ by zero\"}}"),
        stdout.lines().toList());
  }

  @Test
  void run_taskWithoutInput_isAUsageError() {
    assertEquals(ExitCodes.USAGE, Main.run("run", "--task", "com.example.Primes::countPrimes"));
    assertEquals(ExitCodes.USAGE, Main.run("run", "--task", "com.example.Nope::run", "--input", "-"));
  }

  /** {@code run --mode MODE --classpath <the example's classes> --task TASK --input IN --output OUT [more]}. */
  private Captured runTask(String mode, String task, Path input, Path output, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("run", "--mode", mode, "--classpath",
        app.resolve("classes").toString(), "--task", task, "--input", input.toString(), "--output", output.toString()));
    args.addAll(List.of(more));
    return Captured.stdout(() -> Main.run(args.toArray(String[]::new)));
  }

  /** What a command printed on stdout, and its exit status. */
  record Captured(int status, String text) {
    static Captured stdout(java.util.function.IntSupplier command) {
      PrintStream before = System.out;
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      try {
        int status = command.getAsInt();
        return new Captured(status, bytes.toString(StandardCharsets.UTF_8));
      } finally {
        System.setOut(before);
      }
    }
  }
}
