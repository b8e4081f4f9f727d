package io.procpool.cli;

import picocli.CommandLine.Option;

/** Where results go. */
final class OutputOptions {
  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write machine-readable results to FILE ('-' for stdout; the summary then goes to stderr).")
  String json;

  @Option(names = "--timeline", paramLabel = "FILE", converter = ChartPathConverter.class,
      description = "Also draw a Gantt chart to FILE (.png or .svg): a lane per worker process or thread, "
          + "a bar per task, each worker JVM's start-up; compare draws a panel per mode on one time scale.")
  java.nio.file.Path timeline;

  /** Human output goes to stderr when JSON takes stdout. */
  java.io.PrintStream humanOut() {
    return "-".equals(json) ? System.err : System.out;
  }
}
