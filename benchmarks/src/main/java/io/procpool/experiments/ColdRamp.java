package io.procpool.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a cold {@code procpool run} speeds up as the JIT compilers of its three JVMs (coordinator
 * and two workers) catch up, and what the C2 compiler costs on the way: the real command in a
 * fresh JVM, once per round for each of four set-ups (all tiers; C1 only in the workers; in the
 * coordinator; in both), alternating. From each run's {@code --json} it takes the per-task
 * finish times and prints, per set-up, the medians of (wall - start-up) per task and of the per-task
 * time of the first and of the last quarter of the tasks, and for the first round of the
 * default set-up the tasks finished per 100 ms.
 *
 * <p>Usage: {@code ColdRamp ROUNDS run --mode process ...} (no {@code --json}: it adds its own),
 * with procpool.jar on the class path (the coordinator it starts is the one found there).
 */
public final class ColdRamp {
  private static final String C1 = "-XX:TieredStopAtLevel=1";

  private ColdRamp() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ColdRamp ROUNDS run --mode process --workload noop ...");
      System.exit(2);
    }
    int rounds = Integer.parseInt(args[0]);
    List<String> run = Arrays.asList(args).subList(1, args.length);
    Map<String, SetUp> setUps = new LinkedHashMap<>();
    setUps.put("all tiers", new SetUp(List.of(), List.of()));
    setUps.put("C1-only workers", new SetUp(List.of(), List.of("--jvm-opt=" + C1)));
    setUps.put("C1-only coordinator", new SetUp(List.of(C1), List.of()));
    setUps.put("C1-only both", new SetUp(List.of(C1), List.of("--jvm-opt=" + C1)));
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    Path json = Files.createTempFile("cold-ramp-", ".json");
    try {
      for (int round = 1; round <= rounds; round++) {
        for (Map.Entry<String, SetUp> setUp : setUps.entrySet()) {
          JsonNode report = runOnce(setUp.getValue(), run, json);
          results.computeIfAbsent(setUp.getKey(), key -> new ArrayList<>()).add(costs(report));
          if (round == 1 && results.size() == 1) {
            System.out.println("tasks finished per 100 ms, first round, all tiers: " + ramp(report));
          }
        }
      }
    } finally {
      Files.deleteIfExists(json);
    }
    System.out.printf(Locale.ROOT, "%-22s %14s %16s %16s%n", "set-up (" + rounds + " rounds)", "per task, µs",
        "first quarter", "last quarter");
    for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
      System.out.printf(Locale.ROOT, "%-22s %14.2f %16.2f %16.2f%n", entry.getKey(), median(entry.getValue(), 0),
          median(entry.getValue(), 1), median(entry.getValue(), 2));
    }
  }

  /** The coordinator JVM's options and the run's options for its workers. */
  private record SetUp(List<String> coordinator, List<String> workers) {}

  private static JsonNode runOnce(SetUp setUp, List<String> run, Path json) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(setUp.coordinator());
    command.addAll(List.of("-cp", coordinatorJar(), "io.procpool.cli.Main"));
    command.addAll(run);
    command.addAll(setUp.workers());
    command.addAll(List.of("--json", json.toString()));
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int status = process.waitFor();
    if (status != 0) {
      throw new IllegalStateException("exit " + status + ": " + String.join(" ", command));
    }
    return new ObjectMapper().readTree(json.toFile());
  }

  private static String coordinatorJar() throws Exception {
    return new File(Class.forName("io.procpool.cli.Main").getProtectionDomain().getCodeSource().getLocation().toURI())
        .getPath();
  }

  /** (wall - start-up) per task, and the per-task time of the first and last quarter of the finishes. */
  private static double[] costs(JsonNode report) {
    double[] finished = finishTimes(report);
    int n = finished.length;
    double startup = report.get("startupMillis").asDouble();
    double wall = report.get("wallMillis").asDouble();
    int quarter = Math.max(1, n / 4);
    return new double[] {
        (wall - startup) * 1000 / n,
        (finished[quarter - 1] - startup) * 1000 / quarter,
        (finished[n - 1] - finished[n - 1 - quarter]) * 1000 / quarter};
  }

  private static double[] finishTimes(JsonNode report) {
    JsonNode results = report.get("results");
    double[] finished = new double[results.size()];
    for (int i = 0; i < finished.length; i++) {
      finished[i] = results.get(i).get("finishedMillis").asDouble();
    }
    Arrays.sort(finished);
    return finished;
  }

  private static String ramp(JsonNode report) {
    double[] finished = finishTimes(report);
    int[] perWindow = new int[(int) (finished[finished.length - 1] / 100) + 1];
    for (double at : finished) {
      perWindow[(int) (at / 100)]++;
    }
    StringBuilder text = new StringBuilder();
    for (int window = 0; window < perWindow.length; window++) {
      if (perWindow[window] > 0) {
        text.append(String.format(Locale.ROOT, " %d-%d ms: %d;", window * 100, window * 100 + 100, perWindow[window]));
      }
    }
    return text.toString();
  }

  private static double median(List<double[]> rows, int column) {
    List<Double> values = new ArrayList<>();
    rows.forEach(row -> values.add(row[column]));
    return Medians.of(values);
  }
}
