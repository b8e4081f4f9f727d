package io.procpool.cli;

import io.procpool.output.OutputException;
import io.procpool.process.WorkerStartException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code procpool}: compare serial, thread-pool and process-pool execution of the same tasks. */
@Command(
    name = "procpool",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Python's ProcessPoolExecutor model on the JVM and what it costs against threads.",
        "",
        "Runs one task list serially, on a thread pool, on a pool of worker JVMs, or",
        "with a fresh JVM per task, and reports wall time, start-up cost and speedup",
        "side by side."},
    subcommands = {CompareCommand.class, RunCommand.class, SweepCommand.class, OverheadCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Examples:",
        "  procpool compare",
        "  procpool run --mode process --workers 4 --tasks 12 --spread 0.5",
        "  procpool run --mode thread --workload sleep --size 200 --tasks 8 --json -",
        "  procpool sweep --workers 1..4 --chart sweep.png",
        "  procpool overhead --json overhead.json --chart overhead.png"},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:every task succeeded",
        "1:a task failed, or compare saw the modes disagree",
        "2:usage error (unknown flag, bad value)",
        "69:no worker process could be started (the first cause is named)",
        "70:internal error (a bug in procpool)",
        "74:an output file could not be written at the end",
        "130/143:stopped by SIGINT/SIGTERM (results so far kept)"})
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs procpool with these arguments and returns the exit status (used by tests too). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line: one place maps parse and domain errors to exit codes. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(Main.class);
    commandLine.setParameterExceptionHandler(Main::usageError);
    commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
      if (error instanceof CommandLine.ParameterException usage) {
        return usageError(usage, parsed.originalArgs().toArray(String[]::new));
      }
      if (error instanceof OutputException output) {
        line.getErr().println("procpool: " + output.getMessage());
        return ExitCodes.IO_ERROR;
      }
      if (error instanceof WorkerStartException cannotStart) {
        line.getErr().println("procpool: " + cannotStart.getMessage());
        return ExitCodes.WORKERS_UNAVAILABLE;
      }
      line.getErr().println("procpool: internal error: " + error);
      if (System.getenv("PROCPOOL_DEBUG") != null) {
        error.printStackTrace(line.getErr());
      }
      return ExitCodes.INTERNAL_ERROR;
    });
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    SweepCommand.describeOwnDefaults(commandLine.getSubcommands().get("sweep").getCommandSpec());
    return commandLine;
  }

  /** One line naming the problem and where help is, instead of the whole usage text. */
  private static int usageError(CommandLine.ParameterException error, String[] args) {
    CommandLine command = error.getCommandLine();
    command.getErr().println("procpool: " + error.getMessage());
    command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    return ExitCodes.USAGE;
  }
}
