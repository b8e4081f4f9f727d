package io.procpool.process;

import io.procpool.cds.WorkerEnd;
import io.procpool.protocol.Clocks;
import io.procpool.protocol.Protocol;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One worker's operating-system process: spawning it, draining its stderr, killing it with
 * everything it started, and telling how it ended. Its stdin and stdout are the
 * {@link PipeConnection}'s.
 */
final class WorkerProcess {
  /** How many lines of stderr a task failure's message quotes (its detail has them all). */
  private static final int MESSAGE_STDERR_LINES = 5;

  final String id;
  final Process process;
  /** Coordinator clock (epoch µs) just before the process was spawned. */
  final long spawnedAt;
  /** Whether its command used the class-data archive. */
  final boolean fromArchive;
  private final StderrTail stderr;
  /** The JVM's fatal-error banner, if it wrote one on stdout. */
  final CrashBanner crashBanner = new CrashBanner();

  private WorkerProcess(String id, Process process, long spawnedAt, boolean fromArchive, StderrTail stderr) {
    this.id = id;
    this.process = process;
    this.spawnedAt = spawnedAt;
    this.fromArchive = fromArchive;
    this.stderr = stderr;
  }

  /** Starts the process and its stderr drainer. */
  static WorkerProcess spawn(String id, List<String> command, boolean fromArchive, Consumer<String> stderrSink)
      throws IOException {
    long spawnedAt = Clocks.epochMicros();
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put(Protocol.COORDINATOR_PID_ENV, Long.toString(ProcessHandle.current().pid()));
    Process process = builder.start();
    LiveWorkers.add(process);
    StderrTail stderr = new StderrTail(id, process.getErrorStream(), stderrSink);
    return new WorkerProcess(id, process, spawnedAt, fromArchive, stderr);
  }

  long pid() {
    return process.pid();
  }

  /** Kills the process and everything it started; its stdout then ends. */
  void kill() {
    killTree(process);
  }

  static void killTree(Process process) {
    LiveWorkers.killTree(process.toHandle());
  }

  /**
   * How the process ended, with the tail of its stderr. Waits briefly for the exit status,
   * which the kernel reports a moment after stdout closes.
   *
   * @param heldOpen its stdout was held open by a leftover process, so stderr may never end
   */
  End describeEnd(boolean heldOpen) {
    String status;
    Integer exitValue = null;
    try {
      if (process.waitFor(2, TimeUnit.SECONDS)) {
        exitValue = process.exitValue();
        status = describeStatus(exitValue);
      } else {
        kill();
        status = "closed its stdout but did not exit; killed";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = "ended";
    }
    // Last words are worth half a second, unless the pipe is held open and they cannot end.
    String tail = stderr.awaitTail(heldOpen ? 20 : 500);
    WorkerEnd.Cause cause = cause(exitValue, crashBanner.seen());
    String summary = "worker " + id + " (pid " + pid() + ") " + status;
    if (cause == WorkerEnd.Cause.CRASH) {
      Optional<Path> log = CrashLogs.of(pid());
      summary = "worker " + id + " (pid " + pid() + ") crashed (JVM fatal error"
          + crashBanner.headline().map(name -> ": " + name).orElse("") + ") and " + status
          + log.map(path -> "; crash log: " + path).orElse("");
    }
    return new End(summary, tail, cause);
  }

  /**
   * A JVM that dies of a fatal error aborts (SIGABRT) after its banner; SIGSEGV and SIGBUS end
   * one whose handler failed. Other signals came from outside.
   */
  static WorkerEnd.Cause cause(Integer exitValue, boolean crashBanner) {
    if (crashBanner) {
      return WorkerEnd.Cause.CRASH;
    }
    if (exitValue == null) {
      return WorkerEnd.Cause.KILLED; // it held its stdout open and was killed
    }
    return switch (exitValue) {
      case 128 + 6, 128 + 7, 128 + 11 -> WorkerEnd.Cause.CRASH;
      default -> exitValue > 128 && exitValue < 128 + 65 ? WorkerEnd.Cause.KILLED : WorkerEnd.Cause.EXITED;
    };
  }

  static String describeStatus(int exitValue) {
    if (exitValue > 128 && exitValue < 128 + 65) {
      int signal = exitValue - 128;
      return "was killed by signal " + signal + signalName(signal);
    }
    return "exited with status " + exitValue;
  }

  private static String signalName(int signal) {
    return switch (signal) {
      case 9 -> " (SIGKILL)";
      case 15 -> " (SIGTERM)";
      case 6 -> " (SIGABRT)";
      case 11 -> " (SIGSEGV)";
      case 7 -> " (SIGBUS)";
      case 2 -> " (SIGINT)";
      default -> "";
    };
  }

  /**
   * How a worker ended.
   *
   * @param summary the worker, its pid and its exit status or signal (or crash and crash log), on one line
   * @param stderrTail the last lines it wrote to stderr, possibly empty
   * @param cause a crash, a kill from outside, or an exit of its own
   */
  record End(String summary, String stderrTail, WorkerEnd.Cause cause) {
    End(String summary, String stderrTail) {
      this(summary, stderrTail, WorkerEnd.Cause.EXITED);
    }

    /** Killed by a signal from outside (kill, Ctrl-C, an operator): no evidence against the command. */
    boolean killedFromOutside() {
      return cause == WorkerEnd.Cause.KILLED;
    }

    /** The summary with the last few stderr lines, for messages. */
    String withTail() {
      if (stderrTail.isEmpty()) {
        return summary;
      }
      List<String> lines = stderrTail.lines().toList();
      List<String> last = lines.subList(Math.max(0, lines.size() - MESSAGE_STDERR_LINES), lines.size());
      return summary + "; last stderr lines:\n" + String.join("\n", last);
    }
  }
}
