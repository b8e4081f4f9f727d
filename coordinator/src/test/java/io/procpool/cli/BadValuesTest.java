package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Values that used to run for a while and then end in an internal error or a heap error: each is
 * now refused before any work starts. Where a worker could start, the worker command would
 * create a file, so "nothing ran" is checked, not assumed.
 */
final class BadValuesTest {
  private static final long QUICK_MILLIS = 3000;

  @TempDir
  Path dir;

  private record Outcome(int status, String out, String err, long millis) {}

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "compare --modes=,                                       | --modes: no mode given",
      "sweep --modes=,                                         | --modes: no mode given",
      "sweep --workload crash                                  | --workload crash fails on purpose",
      "sweep --workload fail --workers 1..2                    | --workload fail fails on purpose",
      "sweep --workers 1..2147483647                           | worker JVMs are more than this machine's limit",
      "overhead --workers 100000                               | --workers: 100000 worker JVMs are more than",
      "run --workload echo --size 2147483647 WORKER            | echo's size is at most 268434432 bytes",
      "compare --modes serial,process --workload echo --size 300000000 WORKER | echo's size is at most",
      "run --workers 100000 --tasks 100000 --workload noop WORKER | --workers: 100000 worker JVMs are more than",
      "run --mode process-per-task --workers 5000 --tasks 5000 --workload noop WORKER | 5000 worker JVMs are more",
      "compare --modes serial,process --workers 100000 --tasks 100000 --workload noop WORKER | --workers: 100000",
      "run --transport bogus --workload noop WORKER           | unknown transport 'bogus'; available: pipe, unix, tcp",
      "compare --modes serial,process --transport udp WORKER  | unknown transport 'udp'",
      "sweep --transport PIPE                                  | unknown transport 'PIPE'",
      "overhead --transport pipes                              | unknown transport 'pipes'",
  })
  void command_badValue_exitsTwoWithOneLineBeforeAnythingRuns(String args, String expected) {
    Path started = dir.resolve("a-worker-started");
    List<String> argv = new ArrayList<>();
    for (String word : args.trim().split("\\s+")) {
      if (word.equals("WORKER")) {
        argv.add("--worker-command");
        argv.add("touch " + started);
      } else {
        argv.add(word);
      }
    }

    Outcome outcome = run(argv.toArray(String[]::new));

    assertEquals(ExitCodes.USAGE, outcome.status(), outcome.err());
    List<String> lines = outcome.err().lines().toList();
    assertTrue(lines.get(0).startsWith("procpool: ") && lines.get(0).contains(expected), lines.get(0));
    assertTrue(lines.size() <= 2 && (lines.size() == 1 || lines.get(1).startsWith("Try ")), outcome.err());
    assertFalse(outcome.err().contains("Exception") || outcome.err().contains("\tat "), outcome.err());
    assertEquals("", outcome.out(), "nothing ran, so nothing was reported");
    assertFalse(Files.exists(started), "no worker was started");
    assertTrue(outcome.millis() < QUICK_MILLIS, "refused up front, took " + outcome.millis() + " ms");
  }

  @Test
  void run_moreWorkersThanTasks_usesOneWorkerPerTask() {
    Outcome outcome = run("run", "--mode", "thread", "--workers", "100000", "--tasks", "3", "--workload", "noop",
        "--json", "-");

    assertEquals(ExitCodes.OK, outcome.status(), outcome.err());
    assertTrue(outcome.out().matches("(?s).*\"workers\"\\s*:\\s*3\\b.*"), outcome.out());
  }

  @Test
  void sweep_pastTheLimitWithNoWorkerLimit_isAllowed() {
    Outcome refused = run("sweep", "--modes", "thread", "--workers", "100000..100000", "--tasks", "2",
        "--workload", "noop");
    Outcome allowed = run("sweep", "--modes", "thread", "--workers", "100000..100000", "--tasks", "2",
        "--workload", "noop", "--no-worker-limit");

    assertEquals(ExitCodes.USAGE, refused.status(), refused.err());
    assertEquals(ExitCodes.OK, allowed.status(), allowed.err());
  }

  /** Runs in this JVM, catching what the commands print on System.out as well as picocli's streams. */
  private static Outcome run(String... args) {
    CommandLine commandLine = Main.commandLine();
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(out, true));
    PrintStream original = System.out;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int status;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      status = commandLine.execute(args);
    } finally {
      System.setOut(original);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Outcome(status, out + stdout.toString(StandardCharsets.UTF_8), err.toString(), millis);
  }
}
