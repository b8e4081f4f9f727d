package io.procpool.cli;

import io.procpool.calls.CallList;
import io.procpool.calls.CallRun;
import io.procpool.calls.InputLines;
import io.procpool.calls.InputLines.BadLine;
import io.procpool.calls.OutputLine;
import io.procpool.fn.Invocation;
import io.procpool.output.OutputFile;
import io.procpool.pool.Mode;
import io.procpool.pool.TaskPool;
import io.procpool.report.Json;
import io.procpool.run.RunSettings;
import io.procpool.run.Style;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code run} and {@code compare} on the user's own method ({@code --task}) and JSON-lines input. */
final class UserTaskCommand {
  /** How long a signal's exit waits for the run's thread to write the lines after the stop. */
  private static final Duration WRITE_AFTER_STOP = Duration.ofSeconds(30);

  private final CommandSpec spec;
  private final UserTaskOptions options;
  private final PoolOptions pool;

  UserTaskCommand(CommandSpec spec, UserTaskOptions options, PoolOptions pool) {
    this.spec = spec;
    this.options = options;
    this.pool = pool;
  }

  /**
   * {@code run --task}: results as JSON lines; exit 1 when a line was bad or a call failed. A
   * signal stops it as it stops a built-in run: queued calls are cancelled, running ones get the
   * grace, every call still gets its line, and the output file is renamed into place whole.
   */
  int run(Mode mode) {
    RunSettings settings = settings(mode);
    OutputFile file = "-".equals(outputName()) ? null : checkedOutput();
    Invocation invocation = invocation();
    InputLines input = read(invocation, settings.failFast());
    OutputFile.Pending pending = file == null ? null : file.open();
    CountDownLatch written = new CountDownLatch(1);
    SignalStop signals = SignalStop.install(pool.grace(), System.err,
        status -> exitOnceWritten(written, pending, status));
    try {
      PrintStream out = pending == null ? stdoutLines() : new PrintStream(pending.stream(), false, StandardCharsets.UTF_8);
      PrintStream human = file == null ? System.err : System.out;
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
      Consumer<TaskPool> started = taskPool -> {
        signals.running((grace, reason) -> taskPool.stop(grace));
        if (signals.stopped()) {
          taskPool.stop(pool.grace()); // the signal came while the pool started
        }
      };
      int workers = pool.workerCount(Math.max(1, input.calls().size()), List.of(mode));
      CallRun run = CallRun.run(pool.factory(mode, pool.registry(), workers), invocation, input.calls(),
          settings.chunksize(), asCompleted, settings.failFast(), started, sink);
      flushBad(out, pendingBad, Integer.MAX_VALUE, OutputLine::bare);
      out.flush();
      if (pending != null) {
        pending.commit();
      } else {
        Json.flushStdout();
      }
      int lines = input.calls().size() + input.bad().size();
      human.printf(Locale.ROOT, "run: %s on %d input line%s, mode %s, %d worker%s: %d call%s, %d failed, %d bad"
              + " line%s, wall %.1f ms (start-up %d ms)%n", invocation.displayName(), lines, lines == 1 ? "" : "s",
          run.mode(), run.workers(), run.workers() == 1 ? "" : "s", input.calls().size(),
          input.calls().size() == 1 ? "" : "s", run.failed(), input.bad().size(), input.bad().size() == 1 ? "" : "s",
          run.wallMillis(), run.startupMillis());
      if (signals.stopped()) {
        human.println("  stopped by " + signals.signalName() + ": every call has its line; those not run are "
            + "cancelled (never started) or interrupted (killed after the grace)");
        return signals.exitStatus();
      }
      return run.failed() == 0 && input.bad().isEmpty() ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
    } catch (RuntimeException e) {
      if (pending != null) {
        pending.discard();
      }
      throw e;
    } finally {
      written.countDown();
      signals.close();
    }
  }

  /**
   * A signal's exit, once the run's thread has written every line and renamed the output into
   * place (it does so right after the stop); an output it could not finish is removed, never left
   * half-written under the user's name.
   */
  private static void exitOnceWritten(CountDownLatch written, OutputFile.Pending pending, int status) {
    try {
      if (!written.await(WRITE_AFTER_STOP.toMillis(), TimeUnit.MILLISECONDS) && pending != null) {
        pending.discard();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.flush();
    System.exit(status);
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
    try (InputStream in = "-".equals(options.input) ? System.in : Files.newInputStream(Path.of(options.input))) {
      return InputLines.read(in, invocation, failFast);
    } catch (NoSuchFileException e) {
      throw usage("--input: no such file: " + options.input);
    } catch (IOException e) {
      throw usage("--input: cannot read " + options.input + ": " + OutputFile.reason(e));
    }
  }

  private String outputName() {
    return options.output == null ? "-" : options.output;
  }

  /** The --output file, checked before anything runs (exit 2 naming the problem). */
  private OutputFile checkedOutput() {
    try {
      return OutputFile.check(outputName());
    } catch (IllegalArgumentException e) {
      throw usage("--output: " + e.getMessage());
    }
  }

  /** Stdout for the result lines, left open for the summary. */
  private static PrintStream stdoutLines() {
    return new PrintStream(System.out, false, StandardCharsets.UTF_8) {
      @Override
      public void close() {
        flush();
      }
    };
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
