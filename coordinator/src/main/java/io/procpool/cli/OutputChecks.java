package io.procpool.cli;

import io.procpool.output.OutputFile;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Every output file is checked before any work starts: a bad path costs nothing to find out. */
final class OutputChecks {
  private OutputChecks() {}

  /** Checks {@code --json}'s target ("-" is stdout); null means the option was not given. */
  static void json(CommandSpec spec, String option, String target) {
    if (target != null && !"-".equals(target)) {
      file(spec, option, target);
    }
  }

  /** Checks a chart's file; null means the option was not given. */
  static void chart(CommandSpec spec, String option, Path target) {
    if (target != null) {
      file(spec, option, target.toString());
    }
  }

  private static void file(CommandSpec spec, String option, String target) {
    try {
      OutputFile.check(target);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }
}
