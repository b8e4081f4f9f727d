package io.procpool.cli;

import picocli.CommandLine.Option;

/** Where results go. */
final class OutputOptions {
  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write machine-readable results to FILE ('-' for stdout; the summary then goes to stderr).")
  String json;

  /** Human output goes to stderr when JSON takes stdout. */
  java.io.PrintStream humanOut() {
    return "-".equals(json) ? System.err : System.out;
  }
}
