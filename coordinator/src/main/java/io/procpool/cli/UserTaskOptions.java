package io.procpool.cli;

import picocli.CommandLine.Option;

/** Your own method on your own inputs, instead of a built-in workload. Shared by run and compare. */
final class UserTaskOptions {
  @Option(names = "--task", paramLabel = "CLASS::METHOD",
      description = "A public static method of yours to run on each input line, e.g. "
          + "com.example.Primes::countPrimes (its jar with --classpath); replaces --workload.")
  String task;

  @Option(names = "--input", paramLabel = "FILE",
      description = "With --task: JSON lines, one call's argument per line (an array for a method of "
          + "several parameters); '-' for stdin.")
  String input;

  @Option(names = "--output", paramLabel = "FILE",
      description = "With --task (run): where the results go as JSON lines: with --style map each result's "
          + "bare JSON value in input order, with as-completed {\"line\":N,\"value\":V} in finish order; a call "
          + "without a value is {\"line\":N,\"error\":{...}} in both (default: '-', stdout; the summary then goes "
          + "to stderr).")
  String output;

  boolean given() {
    return task != null || input != null || output != null;
  }
}
