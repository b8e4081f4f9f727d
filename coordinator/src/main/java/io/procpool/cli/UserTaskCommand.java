package io.procpool.cli;

import io.procpool.calls.CallList;
import io.procpool.calls.CallRun;
import io.procpool.calls.InputLines;
import io.procpool.calls.InputLines.BadLine;
import io.procpool.calls.OutputLine;
import io.procpool.fn.Invocation;
import io.procpool.pool.Mode;
import io.procpool.run.RunSettings;
import io.procpool.run.Style;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code run} and {@code compare} on the user's own method ({@code --task}) and JSON-lines input. */
final class UserTaskCommand {
  private final CommandSpec spec;
  private final UserTaskOptions options;
  private final PoolOptions pool;

  UserTaskCommand(CommandSpec spec, UserTaskOptions options, PoolOptions pool) {
    this.spec = spec;
    this.options = options;
    this.pool = pool;
  }

  /** {@code run --task}: results as JSON lines; exit 1 when a line was bad or a call failed. */
  int run(Mode mode) {
    RunSettings settings = settings(mode);
    Invocation invocation = invocation();
    InputLines input = read(invocation, settings.failFast());
    try (PrintStream out = openOutput()) {
      PrintStream human = "-".equals(outputName()) ? System.err : System.out;
      reportBadLines(human, input);
      Deque<BadLine> pendingBad = new ArrayDeque<>(input.bad());
      boolean asCompleted = settings.style() == Style.AS_COMPLETED;
      if (asCompleted) {
        flushBad(out, pendingBad, Integer.MAX_VALUE, OutputLine::withLine);
      }
      Consumer<OutputLine> sink = result -> {
        if (result.failed()) {
          human.println("input line " + result.line() + ": " + result.errorJson());
        }
        if (asCompleted) {
          out.println(result.withLine());
        } else {
          flushBad(out, pendingBad, result.line(), OutputLine::bare); // a bad line goes out where it stood
          out.println(result.bare());
        }
      };
      int workers = pool.workerCount(Math.max(1, input.calls().size()), List.of(mode));
      CallRun run = CallRun.run(pool.factory(mode, pool.registry(), workers), invocation, input.calls(), settings.chunksize(),
          asCompleted, settings.failFast(), sink);
      flushBad(out, pendingBad, Integer.MAX_VALUE, OutputLine::bare);
      out.flush();
      human.printf(Locale.ROOT, "run: %s on %d input lines, mode %s, %d workers: %d calls, %d failed, %d bad lines,"
              + " wall %.1f ms (start-up %d ms)%n", invocation.displayName(), input.calls().size() + input.bad().size(),
          run.mode(), run.workers(), input.calls().size(), run.failed(), input.bad().size(), run.wallMillis(),
          run.startupMillis());
      return run.failed() == 0 && input.bad().isEmpty() ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
    }
  }

  /** A compare's calls, and how many input lines could not be calls. */
  record Calls(CallList list, int badLines) {}

  /**
   * {@code compare --task}: the input's calls, for the same runner, table and files as a built-in
   * workload; its bad lines are reported on {@code human} first.
   */
  Calls callsToCompare(List<Mode> modes, PrintStream human) {
    if (options.output != null) {
      throw usage("--output is for run; compare prints a table (use run --task ... --output for the results)");
    }
    RunSettings settings = settings(modes.get(0));
    Invocation invocation = invocation();
    InputLines input = read(invocation, settings.failFast());
    reportBadLines(human, input);
    return new Calls(new CallList(invocation, input.calls()), input.bad().size());
  }

  private RunSettings settings(Mode mode) {
    if (options.task == null) {
      throw usage("--input and --output need --task CLASS::METHOD");
    }
    if (options.input == null) {
      throw usage("--task needs --input FILE (JSON lines, one call's argument per line; '-' for stdin)");
    }
    pool.validate();
    RunSettings settings = pool.settings(/* keepResults= */ false);
    if (mode == Mode.PROCESS_PER_TASK && settings.chunksize() > 1) {
      throw usage("--chunksize must be 1 in process-per-task mode");
    }
    return settings;
  }

  private Invocation invocation() {
    // Pools made from here on, and their threads, find the user's classes through this loader.
    Thread.currentThread().setContextClassLoader(pool.taskLoader());
    try {
      return Invocation.ofMethod(options.task, pool.taskLoader());
    } catch (IllegalArgumentException e) {
      throw usage("--task: " + e.getMessage());
    }
  }

  private InputLines read(Invocation invocation, boolean failFast) {
    try (BufferedReader reader = "-".equals(options.input)
        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        : Files.newBufferedReader(Path.of(options.input), StandardCharsets.UTF_8)) {
      return InputLines.read(reader, invocation, failFast);
    } catch (NoSuchFileException e) {
      throw usage("--input: no such file: " + options.input);
    } catch (IOException e) {
      throw usage("--input: cannot read " + options.input + ": " + e.getMessage());
    }
  }

  private String outputName() {
    return options.output == null ? "-" : options.output;
  }

  private PrintStream openOutput() {
    if ("-".equals(outputName())) {
      return new PrintStream(System.out, false, StandardCharsets.UTF_8) {
        @Override
        public void close() {
          flush(); // stdout stays open for the summary
        }
      };
    }
    try {
      return new PrintStream(Files.newOutputStream(Path.of(outputName())), false, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      throw usage("--output: cannot write " + outputName() + ": " + e.getMessage());
    }
  }

  private static void reportBadLines(PrintStream human, InputLines input) {
    for (BadLine bad : input.bad()) {
      human.println("input line " + bad.line() + ": " + bad.problem());
    }
  }

  private static void flushBad(PrintStream out, Deque<BadLine> pendingBad, int beforeLine,
      Function<OutputLine, String> shape) {
    while (!pendingBad.isEmpty() && pendingBad.peekFirst().line() < beforeLine) {
      BadLine bad = pendingBad.removeFirst();
      out.println(shape.apply(OutputLine.badInput(bad.line(), bad.problem())));
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
