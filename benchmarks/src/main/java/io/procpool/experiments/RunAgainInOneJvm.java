package io.procpool.experiments;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of a cold {@code run} is the coordinator's JIT warm-up: the same {@code procpool run}
 * command line several times in one JVM (each run starts its own workers, so only the
 * coordinator is warm from the second on). Prints each run's (wall - start-up) per task and its
 * record-writing time per task, from the {@code --json} it writes to a temporary file. The
 * coordinator is found by name on the class path (procpool.jar first), so any build can be timed.
 *
 * <p>Usage: {@code RunAgainInOneJvm TIMES run --mode ... } (no {@code --json}: it adds its own).
 */
public final class RunAgainInOneJvm {
  private static final Pattern FIELD = Pattern.compile("\"(wallMillis|startupMillis|writeMillis|tasks)\": ([0-9.]+)");

  private RunAgainInOneJvm() {}

  public static void main(String[] args) throws Exception {
    int times = Integer.parseInt(args[0]);
    Method run = Class.forName("io.procpool.cli.Main").getMethod("run", String[].class);
    Path json = Files.createTempFile("run-again-", ".json");
    try {
      List<String> command = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
      command.addAll(List.of("--json", json.toString()));
      for (int i = 1; i <= times; i++) {
        int status = (Integer) run.invoke(null, (Object) command.toArray(String[]::new));
        System.out.printf(Locale.ROOT, "run %d: exit %d, %s%n", i, status, perTask(json));
      }
    } finally {
      Files.deleteIfExists(json);
    }
  }

  /** "(wall - start-up)/task X us, records Y us/task" from a run's --json summary fields. */
  private static String perTask(Path json) throws IOException {
    String text = Files.readString(json);
    double wall = 0;
    double startup = 0;
    double write = 0;
    double tasks = 1;
    int results = text.indexOf("\"results\"");
    Matcher field = FIELD.matcher(text);
    while (field.find()) {
      double value = Double.parseDouble(field.group(2));
      switch (field.group(1)) {
        case "wallMillis" -> wall = value;
        case "startupMillis" -> startup = value;
        case "writeMillis" -> write = value;
        default -> tasks = field.start() < results ? value : tasks;
      }
    }
    return String.format(Locale.ROOT, "wall %.1f ms, (wall - start-up)/task %.3f us, records %.3f us/task", wall,
        (wall - startup) * 1000 / tasks, write * 1000 / tasks);
  }
}
