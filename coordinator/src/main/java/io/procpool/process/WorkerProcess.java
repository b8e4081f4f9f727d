package io.procpool.process;

import io.procpool.pool.Clocks;
import io.procpool.protocol.Hello;
import io.procpool.protocol.Message;
import io.procpool.protocol.MessageReader;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.ProtocolException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * One worker process and its three pipes. Both output streams are drained on their own threads
 * from the start, so a chatty or stuck worker can never fill a pipe and stall either side.
 * Fields marked "pool lock" are only touched while holding {@link ProcessPool}'s lock.
 */
final class WorkerProcess {
  enum State { STARTING, INITIALIZING, READY, RETIRING, DEAD }

  /** Why the pool itself ended the worker, if it did; decides the failure kind of its tasks. */
  enum Ending { NONE, CLOSED, TIMEOUT, PROTOCOL_ERROR }

  final String id;
  final Process process;
  final long spawnedAt;
  private final MessageWriter writer;
  private final StderrTail stderr;

  /** Requests sent and not yet answered, oldest (the running one) first. Pool lock. */
  final Deque<Chunk> inFlight = new ArrayDeque<>();
  /** How many of them it may hold now. Pool lock. */
  final InFlightLimit inFlightLimit = new InFlightLimit();
  /** Pool lock. */
  State state = State.STARTING;
  /** Pool lock. */
  Ending ending = Ending.NONE;
  /** The handshake; null until it arrives. Pool lock. */
  Hello hello;
  /** Coordinator clock (epoch µs) when the hello arrived. Pool lock. */
  long readyAt;
  /** Tasks (not requests) sent so far, for max-tasks-per-worker. Pool lock. */
  int tasksSent;
  /** System.nanoTime() since when the head of {@link #inFlight} has been running, at the latest. Pool lock. */
  long headSince;
  /** Protocol-error text to report when the channel broke. Pool lock. */
  String protocolProblem;

  private WorkerProcess(String id, Process process, long spawnedAt, StderrTail stderr) throws IOException {
    this.id = id;
    this.process = process;
    this.spawnedAt = spawnedAt;
    this.writer = new MessageWriter(process.getOutputStream());
    this.stderr = stderr;
  }

  /** Starts the process and its stderr drainer; the caller starts the stdout reader. */
  static WorkerProcess launch(String id, java.util.List<String> command, ProcessPool pool) throws IOException {
    long spawnedAt = Clocks.epochMicros();
    Process process = new ProcessBuilder(command).start();
    LiveWorkers.add(process);
    StderrTail stderr = new StderrTail(id, process.getErrorStream(), pool.stderrSink());
    return new WorkerProcess(id, process, spawnedAt, stderr);
  }

  long pid() {
    return process.pid();
  }

  /** Reads stdout until it ends, handing each message (or bad line) to the pool. */
  void startReader(ProcessPool pool, int maxMessageBytes) {
    Thread reader = new Thread(() -> {
      MessageReader messages = new MessageReader(process.getInputStream(), maxMessageBytes);
      try {
        while (true) {
          Message message;
          try {
            message = messages.read();
          } catch (ProtocolException bad) {
            if (pool.onBadLine(this, bad)) {
              continue;
            }
            break;
          }
          if (message == null) {
            break;
          }
          pool.onMessage(this, message, messages.hasBuffered());
        }
      } catch (IOException | RuntimeException e) {
        pool.stderrSink().accept("[" + id + "] reading stdout failed: " + e);
      }
      pool.onEnd(this);
    }, "procpool-stdout-" + id);
    reader.setDaemon(true);
    reader.start();
  }

  /** Buffers one message to the worker's stdin. Pool lock. A failed write means it is dying. */
  boolean send(Message message) {
    try {
      writer.write(message);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Pool lock. */
  void flush() {
    try {
      writer.flush();
    } catch (IOException e) {
      // dying: its reader thread will report the end
    }
  }

  /** Closes stdin: the worker finishes what it holds and exits. Pool lock. */
  void closeInput() {
    try {
      writer.close();
    } catch (IOException e) {
      // already gone
    }
  }

  void kill() {
    LiveWorkers.killTree(process.toHandle());
  }

  /**
   * Describes how the process ended, with the tail of its stderr. Waits briefly for the exit
   * status, which the kernel reports a moment after stdout closes.
   */
  String describeEnd() {
    String status;
    try {
      if (process.waitFor(2, TimeUnit.SECONDS)) {
        status = describeStatus(process.exitValue());
      } else {
        kill();
        status = "closed its stdout but did not exit; killed";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = "ended";
    }
    String tail = stderr.awaitTail(500);
    return "worker " + id + " (pid " + pid() + ") " + status
        + (tail.isEmpty() ? "" : "; last stderr lines:\n" + tail);
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
      case 2 -> " (SIGINT)";
      default -> "";
    };
  }
}
