package io.procpool.cli;

import io.procpool.output.OutputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Every output file is checked before any work starts: a bad path costs nothing to find out. */
final class OutputChecks {
  private OutputChecks() {}

  /**
   * Checks {@code --json} and a chart's file, and that they are two files: written one after the
   * other, the second would silently replace the first.
   */
  static void jsonAndChart(CommandSpec spec, String json, String chartOption, Path chart) {
    json(spec, "--json", json);
    chart(spec, chartOption, chart);
    if (json != null && chart != null && !"-".equals(json) && sameFile(Path.of(json), chart)) {
      throw new ParameterException(spec.commandLine(), "--json and " + chartOption + " name the same file, " + chart
          + "; give each its own");
    }
  }

  /** Checks {@code --json}'s target ("-" is stdout); null means the option was not given. */
  private static void json(CommandSpec spec, String option, String target) {
    if (target != null && !"-".equals(target)) {
      file(spec, option, target);
    }
  }

  /** Checks a chart's file; null means the option was not given. */
  private static void chart(CommandSpec spec, String option, Path target) {
    if (target != null) {
      file(spec, option, target.toString());
    }
  }

  private static boolean sameFile(Path one, Path other) {
    try {
      if (Files.exists(one) && Files.exists(other)) {
        return Files.isSameFile(one, other); // also through a link
      }
    } catch (IOException e) {
      // compared by name below
    }
    return one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
  }

  private static void file(CommandSpec spec, String option, String target) {
    try {
      OutputFile.check(target);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }
}
