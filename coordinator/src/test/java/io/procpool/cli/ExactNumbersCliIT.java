package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers read from {@code --input} JSON lines reach the user's method with the exact value the
 * line spells, and come back the same, in every mode: the real command line in its own JVM,
 * real workers for the process modes.
 */
final class ExactNumbersCliIT {
  private static final List<String> MODES = List.of("serial", "thread", "process", "process-per-task");

  @TempDir
  static Path app;

  @TempDir
  Path dir;

  @BeforeAll
  static void compileTheUsersCode() throws Exception {
    UsersCode.compile(app, "com.example.Numbers", """
        package com.example;
        import java.math.BigDecimal;
        import java.math.BigInteger;
        public class Numbers {
          public record Amounts(BigDecimal decimal, BigInteger big, long count, double ratio, float weight) {}
          public static Amounts amounts(Amounts value) { return value; }
          public static String describe(BigDecimal decimal, double ratio, float weight) {
            return decimal + " " + ratio + " " + weight;
          }
        }
        """);
  }

  /** Runs {@code procpool run} in each mode at once, each in its own JVM: its output lines by mode. */
  private Map<String, List<String>> runInEveryMode(String task, String input) throws Exception {
    Path file = Files.writeString(dir.resolve("input.jsonl"), input);
    Map<String, Process> runs = new LinkedHashMap<>();
    for (String mode : MODES) {
      runs.put(mode, new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--mode", mode, "--workers", "1",
          "--classpath", app.resolve("classes").toString(), "--task", "com.example.Numbers::" + task,
          "--input", file.toString(), "--output", dir.resolve(mode + ".jsonl").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve(mode + ".log").toFile())
          .start());
    }
    Map<String, List<String>> outputs = new LinkedHashMap<>();
    for (Map.Entry<String, Process> run : runs.entrySet()) {
      assertTrue(run.getValue().waitFor(120, TimeUnit.SECONDS), run.getKey() + " did not finish");
      outputs.put(run.getKey(), Files.readAllLines(dir.resolve(run.getKey() + ".jsonl"), StandardCharsets.UTF_8));
    }
    return outputs;
  }

  private static Map<String, List<String>> inEveryMode(List<String> lines) {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    MODES.forEach(mode -> expected.put(mode, lines));
    return expected;
  }

  @Test
  void run_recordOfEveryKindOfNumber_comesBackAsTheLineSpelledItOrIsABadLine() throws Exception {
    List<String> exact = List.of(
        "{\"decimal\":0.1000000000000000055511151231257827,\"big\":18446744073709551617,"
            + "\"count\":9223372036854775806,\"ratio\":0.1,\"weight\":0.1}",
        "{\"decimal\":1.500,\"big\":-18446744073709551617,\"count\":-9223372036854775808,\"ratio\":-0.0,\"weight\":-0.0}",
        "{\"decimal\":1E+400,\"big\":0,\"count\":0,\"ratio\":\"NaN\",\"weight\":\"NaN\"}");
    List<String> bad = List.of(
        "{\"decimal\":1,\"big\":1,\"count\":9223372036854775808,\"ratio\":1,\"weight\":1}",
        "{\"decimal\":1,\"big\":1,\"count\":1,\"ratio\":1e400,\"weight\":1}",
        "{\"decimal\":1,\"big\":1,\"count\":1,\"ratio\":1,\"weight\":1e39}",
        "{\"decimal\":1,\"big\":1,\"count\":1,\"ratio\":1,\"weight\":1} 5",
        "{\"decimal\":1,\"big\":1,\"count\":1.0,\"ratio\":1,\"weight\":1}");

    Map<String, List<String>> outputs = runInEveryMode("amounts", String.join("\n", exact) + "\n" + String.join("\n", bad) + "\n");

    for (Map.Entry<String, List<String>> output : outputs.entrySet()) {
      List<String> lines = output.getValue();
      assertEquals(exact, lines.subList(0, exact.size()), output.getKey());
      assertEquals(exact.size() + bad.size(), lines.size(), output.getKey() + ": " + lines);
      for (int line = exact.size() + 1; line <= lines.size(); line++) {
        assertTrue(lines.get(line - 1).startsWith("{\"line\":" + line + ",\"error\":{\"type\":\"bad-input\""),
            output.getKey() + ", line " + line + ": " + lines.get(line - 1));
      }
    }
    assertEquals(inEveryMode(outputs.get("serial")), outputs, "the same lines, errors included, in every mode");
    assertTrue(outputs.get("serial").get(4).contains("1e400 is out of range for a double"), outputs.get("serial").get(4));
    assertTrue(outputs.get("serial").get(6).contains("more than one JSON value on the line"), outputs.get("serial").get(6));
  }

  @Test
  void run_severalParameters_eachReadAsItsOwnType() throws Exception {
    String input = "[0.1000000000000000055511151231257827, 0.1, 0.1]\n[1.500, -0.0, -0.0]\n";

    assertEquals(inEveryMode(List.of("\"0.1000000000000000055511151231257827 0.1 0.1\"", "\"1.500 -0.0 -0.0\"")),
        runInEveryMode("describe", input));
  }
}
