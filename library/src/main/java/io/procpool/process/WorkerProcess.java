package io.procpool.process;

import io.procpool.pool.Clocks;
import io.procpool.protocol.Protocol;
import java.io.IOException;
import java.util.List;
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
    int signal = 0;
    try {
      if (process.waitFor(2, TimeUnit.SECONDS)) {
        status = describeStatus(process.exitValue());
        signal = signalOf(process.exitValue());
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
    return new End("worker " + id + " (pid " + pid() + ") " + status, tail, signal);
  }

  static String describeStatus(int exitValue) {
    int signal = signalOf(exitValue);
    if (signal > 0) {
      return "was killed by signal " + signal + signalName(signal);
    }
    return "exited with status " + exitValue;
  }

  private static int signalOf(int exitValue) {
    return exitValue > 128 && exitValue < 128 + 65 ? exitValue - 128 : 0;
  }

  private static String signalName(int signal) {
    return switch (signal) {
      case 9 -> " (SIGKILL)";
      case 15 -> " (SIGTERM)";
      case 6 -> " (SIGABRT)";
      case 11 -> " (SIGSEGV)";
      case 2 -> " (SIGINT)";
      default -> "";
    };
  }

  /**
   * How a worker ended.
   *
   * @param summary the worker, its pid and its exit status or signal, on one line
   * @param stderrTail the last lines it wrote to stderr, possibly empty
   * @param signal the signal that ended it, or 0
   */
  record End(String summary, String stderrTail, int signal) {
    End(String summary, String stderrTail) {
      this(summary, stderrTail, 0);
    }

    /** Killed from outside (kill, Ctrl-C, an operator): no evidence against the command. */
    boolean killedFromOutside() {
      return signal == 9 || signal == 15 || signal == 2;
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
