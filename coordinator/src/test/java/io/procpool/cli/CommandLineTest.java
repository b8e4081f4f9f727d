package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Usage errors and exit statuses, on the in-JVM modes only (no worker processes start here). */
final class CommandLineTest {

  private record Outcome(int status, String err) {}

  private static Outcome run(String... args) {
    CommandLine commandLine = Main.commandLine();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    int status = commandLine.execute(args);
    return new Outcome(status, err.toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "run --mode fast                 | unknown mode 'fast'; accepted: serial, thread, process, process-per-task",
      "run --mode serial --workload x  | unknown task 'x'; available: ",
      "run --mode thread --workers 0   | --workers must be at least 1, was 0",
      "run --mode serial --size -5     | --size cannot be negative, was -5",
      "run --mode serial --spread 1.5  | --spread must be between 0 and 1, was 1.5",
      "run --mode serial --bogus       | Unknown option: '--bogus'",
      "run --mode serial --tasks many  | Invalid value for option '--tasks'",
      "run --mode serial --chunksize 0 | --chunksize must be at least 1, was 0",
      "run --mode serial --style fancy | unknown style 'fancy'; accepted: map, as-completed",
      "run --mode serial --timeout 5x  | '5x' is not a duration",
      "compare --modes serial,gpu      | --modes: unknown mode 'gpu'",
      "run --mode serial --timeline t.gif | 't.gif' should end in .png or .svg",
      "overhead --tasks 0              | --tasks must be at least 1, was 0",
      "overhead --round-trips -1       | --round-trips must be at least 1, was -1",
      "overhead --timeline t.png       | Unknown options: '--timeline', 't.png'",
      "run --mode serial --json /tmp   | --json: /tmp: is a folder",
      "run --mode serial --json /etc/passwd/x.json | --json: /etc/passwd/x.json: /etc/passwd is not a folder",
      "run --mode serial --json /dev/full | --json: /dev/full: not a regular file",
      "run --mode serial --json /nonexistent/dir/out.json | no such folder /nonexistent/dir",
      "run --mode serial --timeline /proc/x.png | --timeline: /proc/x.png: cannot create a file in /proc",
      "compare --modes serial --json /tmp | --json: /tmp: is a folder",
      "compare --modes serial --timeline /proc/x.svg | cannot create a file in /proc",
      "compare --modes=,               | --modes: no mode given",
      "sweep --json /dev/full          | --json: /dev/full: not a regular file",
      "sweep --chart /proc/x.png       | --chart: /proc/x.png: cannot create a file in /proc",
      "overhead --json /tmp            | --json: /tmp: is a folder",
      "overhead --chart /nonexistent/x.svg | --chart: /nonexistent/x.svg: no such folder /nonexistent",
      "run --mode serial --grace -1s   | '-1s' is not a duration",
      "run --mode serial --tasks 2147483647 --timeline t.svg | --timeline keeps every task's record",
      "compare --modes serial,thread --tasks 2147483647 | compare's check that the modes agree",
      "run --mode serial --codec gson  | unknown codec 'gson'; choose procpool or jackson",
      "compare --modes serial --codec x | unknown codec 'x'",
      "sweep --codec json              | unknown codec 'json'",
      "overhead --codec fast           | unknown codec 'fast'",
      "overhead --codecs procpool,gson  | unknown codec 'gson'",
      "run --mode serial --off-line-threshold -1 | --off-line-threshold cannot be negative, was -1",
      "overhead --off-line-threshold -5 | --off-line-threshold must be at least 0, was -5",
      "run --task java.lang.Math::log10 --input - --json x.json | --json is not taken by run --task",
      "compare --modes serial --repeat 0 | --repeat must be from 1 to 1000, was 0",
      "compare --modes serial --repeat 1001 | --repeat must be from 1 to 1000, was 1001",
      "run --task java.lang.Math::log10 --input - --timeline t.png | --timeline is not taken by run --task",
      "run --task java.lang.Math::log10 --input - --output /nonexistent/o.jsonl | --output: /nonexistent/o.jsonl: no such folder",
      "run --mode serial --workload noop --tasks 1 --json /tmp/pp-same.svg --timeline /tmp/../tmp/pp-same.svg | --json and --timeline name the same file, /tmp/../tmp/pp-same.svg; give each its own",
      "compare --modes serial --workload noop --tasks 1 --json /tmp/pp-same.svg --timeline /tmp/pp-same.svg | --json and --timeline name the same file",
      "sweep --modes thread --workers 1..1 --tasks 1 --size 1 --json /tmp/pp-same.png --chart /tmp/pp-same.png | --json and --chart name the same file",
  })
  void run_badInput_exitsTwoWithOneLineNamingTheProblem(String args, String expected) {
    Outcome outcome = run(args.trim().split("\\s+"));

    assertEquals(ExitCodes.USAGE, outcome.status(), outcome.err());
    String firstLine = outcome.err().lines().findFirst().orElse("");
    assertTrue(firstLine.contains(expected), "first line was: " + firstLine);
    assertTrue(outcome.err().lines().count() <= 2, "expected a short error, got:\n" + outcome.err());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "run --mode serial --workload noop --tasks 3 --json -",
      "compare --modes serial,thread --workload noop --tasks 3 --json -",
      "run --mode serial --task java.lang.Math::log10 --input INPUT --output -",
  })
  void resultsToStdout_stdoutGone_exits74NamingStdout(String args, @TempDir Path dir) throws IOException {
    Path input = Files.writeString(dir.resolve("in.jsonl"), "10\n100\n");
    PrintStream original = System.out;
    System.setOut(new PrintStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe"); // a closed stdout, or a pipe whose reader is gone
      }
    }, true, StandardCharsets.UTF_8));
    Outcome outcome;
    try {
      outcome = run(args.replace("INPUT", input.toString()).split(" "));
    } finally {
      System.setOut(original);
    }

    assertEquals(ExitCodes.IO_ERROR, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("procpool: cannot write stdout: it is closed, or the program reading it is gone"),
        outcome.err());
  }

  @Test
  void run_classpathJarThatIsNotAJar_exitsTwoNamingTheJar(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("app.jar"), "not a zip");

    Outcome outcome = run("run", "--mode", "serial", "--classpath", broken.toString(), "--task",
        "com.example.Primes::countPrimes", "--input", "-");

    assertEquals(ExitCodes.USAGE, outcome.status(), outcome.err());
    assertTrue(outcome.err().startsWith("procpool: --classpath: " + broken + " is not a readable jar ("), outcome.err());
  }

  @Test
  void run_emptyJsonName_exitsTwoBeforeAnythingRuns() {
    Outcome outcome = run("run", "--mode", "serial", "--workload", "sleep", "--size", "60000", "--json", "");

    assertEquals(ExitCodes.USAGE, outcome.status(), outcome.err());
    assertTrue(outcome.err().startsWith("procpool: --json: the file name is empty"), outcome.err());
  }

  @Test
  void run_virtualThreadBeforeJava21_exitsTwoNamingTheJavaVersionNeeded() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() < 21, "this JVM has virtual threads");

    Outcome outcome = run("run", "--mode", "virtual-thread", "--tasks", "1");

    assertEquals(ExitCodes.USAGE, outcome.status(), outcome.err());
    String firstLine = outcome.err().lines().findFirst().orElse("");
    assertTrue(firstLine.contains("virtual-thread: needs Java 21 or newer"), firstLine);
    assertTrue(firstLine.contains("this JVM is Java " + System.getProperty("java.version")), firstLine);
  }

  @Test
  void run_gilThreadMode_exitsZero() {
    Outcome outcome = run("run", "--mode", "gil-thread", "--workers", "3", "--tasks", "6", "--size", "1000");

    assertEquals(ExitCodes.OK, outcome.status(), outcome.err());
  }

  @Test
  void compare_repeat_showsEachModesFastestRoundAndListsEveryRound(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path json = dir.resolve("compare.json");

    Outcome outcome = run("compare", "--modes", "serial,thread", "--workers", "2", "--workload", "noop", "--tasks", "50",
        "--repeat", "3", "--json", json.toString());

    assertEquals(ExitCodes.OK, outcome.status(), outcome.err());
    com.fasterxml.jackson.databind.JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
    assertEquals(3, document.get("repeat").asInt());
    java.util.List<String> rounds = new java.util.ArrayList<>();
    java.util.Map<String, Double> fastest = new java.util.HashMap<>();
    for (com.fasterxml.jackson.databind.JsonNode round : document.get("rounds")) {
      rounds.add(round.get("mode").asText() + round.get("round").asInt());
      fastest.merge(round.get("mode").asText(), round.get("wallMillis").asDouble(), Math::min);
    }
    assertEquals(java.util.List.of("serial1", "thread1", "serial2", "thread2", "serial3", "thread3"), rounds);
    assertEquals(2, document.get("runs").size());
    for (com.fasterxml.jackson.databind.JsonNode run : document.get("runs")) {
      assertEquals(fastest.get(run.get("mode").asText()), run.get("wallMillis").asDouble(), run.get("mode").asText());
      assertEquals(50, run.get("results").size());
    }
    assertTrue(document.get("identical").asBoolean());
  }

  @Test
  void compare_inJvmModesWithTimeline_writesAnSvgPanelPerMode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path svg = dir.resolve("compare.svg");

    Outcome outcome = run("compare", "--modes", "serial,thread,gil-thread", "--workers", "2", "--tasks", "4",
        "--size", "1000", "--timeline", svg.toString());

    assertEquals(ExitCodes.OK, outcome.status(), outcome.err());
    String text = java.nio.file.Files.readString(svg);
    assertTrue(text.contains("<title>serial:") && text.contains("<title>thread:") && text.contains("<title>gil-thread:"),
        "expected a panel per mode");
    assertTrue(text.contains("gil-thread-1"), "lane of the first GIL thread missing");
  }

  @Test
  void run_failWorkload_exitsOne() {
    Outcome outcome = run("run", "--mode", "serial", "--workload", "fail", "--tasks", "2");

    assertEquals(ExitCodes.TASKS_FAILED, outcome.status());
  }

  @Test
  void run_serialCpuHeavy_exitsZero() {
    Outcome outcome = run("run", "--mode", "serial", "--tasks", "3", "--size", "1000");

    assertEquals(ExitCodes.OK, outcome.status(), outcome.err());
  }

  @Test
  void help_onEverySubcommand_showsExamples() {
    for (String command : new String[] {"run", "compare"}) {
      CommandLine commandLine = Main.commandLine();
      StringWriter out = new StringWriter();
      commandLine.setOut(new PrintWriter(out, true));

      int status = commandLine.execute(command, "--help");

      assertEquals(0, status);
      assertTrue(out.toString().contains("Examples:"), command + " --help lacks examples");
    }
  }
}
