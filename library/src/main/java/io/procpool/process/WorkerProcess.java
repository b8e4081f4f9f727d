package io.procpool.process;

import io.procpool.cds.WorkerEnd;
import io.procpool.pool.Clocks;
import io.procpool.pool.FailureKind;
import io.procpool.protocol.Hello;
import io.procpool.protocol.Message;
import io.procpool.protocol.MessageReader;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.Protocol;
import io.procpool.protocol.ProtocolException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker process and its three pipes. Both output streams are drained on their own threads
 * from the start, so a chatty or stuck worker can never fill a pipe and stall either side.
 * Fields marked "pool lock" are only touched while holding {@link ProcessPool}'s lock.
 */
final class WorkerProcess {
  enum State { STARTING, INITIALIZING, READY, RETIRING, DEAD }

  /** Why the pool itself ended the worker, if it did; decides the failure kind of its tasks. */
  enum Ending { NONE, CLOSED, TIMEOUT, PROTOCOL_ERROR, KILLED }

  /** How often, once the process has exited, to check whether its stdout is held open... */
  private static final long HELD_STDOUT_CHECK_MILLIS = 100;
  /** ...and how many checks in a row must find the reader waiting in the same read. */
  private static final int HELD_STDOUT_CHECKS = 3;
  /** How many lines of stderr a task failure's message quotes (its detail has them all). */
  private static final int MESSAGE_STDERR_LINES = 5;

  final String id;
  final Process process;
  final long spawnedAt;
  private final MessageWriter writer;
  private final StderrTail stderr;
  /** Messages queued under the pool lock and written by {@link #drain()}, in order. */
  private final Queue<Message> outbox = new ConcurrentLinkedQueue<>();
  private final Object writeLock = new Object();
  private volatile boolean closeQueued;
  private final AtomicBoolean ended = new AtomicBoolean();
  /** Whether the stdout reader is inside a read, waiting for output, and how many it began. */
  private volatile boolean awaitingOutput;
  private final AtomicLong readsStarted = new AtomicLong();
  /** Set when the end was declared while a leftover process held the output pipes open. */
  private volatile boolean outputHeldOpen;
  /** Guarded by {@link #writeLock}. */
  private boolean closed;

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
  /** Whether it ever answered a request correctly: proof that the command works. Pool lock. */
  boolean proven;
  /** Non-protocol lines seen before the hello. Pool lock. */
  int noiseLines;
  /** The JVM's fatal-error banner, if it wrote one on stdout. */
  final CrashBanner crashBanner = new CrashBanner();

  private WorkerProcess(String id, Process process, long spawnedAt, StderrTail stderr) throws IOException {
    this.id = id;
    this.process = process;
    this.spawnedAt = spawnedAt;
    this.writer = new MessageWriter(process.getOutputStream());
    this.stderr = stderr;
  }

  /** Starts the process and its stderr drainer; the caller starts the stdout reader. */
  static WorkerProcess launch(String id, List<String> command, ProcessPool pool) throws IOException {
    long spawnedAt = Clocks.epochMicros();
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put(Protocol.COORDINATOR_PID_ENV, Long.toString(ProcessHandle.current().pid()));
    Process process = builder.start();
    LiveWorkers.add(process);
    StderrTail stderr = new StderrTail(id, process.getErrorStream(), pool.stderrSink());
    return new WorkerProcess(id, process, spawnedAt, stderr);
  }

  long pid() {
    return process.pid();
  }

  /** Reads stdout until it ends, handing each message (or bad line) to the pool. */
  void startReader(ProcessPool pool, int maxMessageBytes) {
    InputStream stdout = new FilterInputStream(process.getInputStream()) {
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        readsStarted.incrementAndGet();
        awaitingOutput = true;
        try {
          return super.read(buffer, offset, length);
        } finally {
          awaitingOutput = false;
        }
      }
    };
    Thread reader = new Thread(() -> {
      MessageReader messages = new MessageReader(stdout, maxMessageBytes);
      try {
        while (!ended.get()) {
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
      } catch (IOException | RuntimeException | Error e) {
        // Nobody reads this worker any more: end it, or its tasks would wait forever.
        pool.onReaderFailed(this, e);
      }
      end(pool);
    }, "procpool-stdout-" + id);
    reader.setDaemon(true);
    reader.start();
    process.onExit().thenRun(() -> checkStdoutAfterExit(pool, -1, 0));
  }

  /**
   * The process has exited. Its stdout normally ends with it, but a process it started may
   * have inherited the pipe and hold it open for as long as it lives. When the reader has been
   * waiting in one and the same read over several checks, nothing the worker wrote is left to
   * read, and the end is declared without waiting for that process. (One check could mistake a
   * reader thread starved of CPU for a blocked one, and drop answers still in the pipe.)
   */
  private void checkStdoutAfterExit(ProcessPool pool, long previousRead, int sameReadChecks) {
    CompletableFuture.delayedExecutor(HELD_STDOUT_CHECK_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
      if (ended.get()) {
        return;
      }
      long read = readsStarted.get();
      int same = awaitingOutput && read == previousRead ? sameReadChecks + 1 : 0;
      if (same < HELD_STDOUT_CHECKS) {
        checkStdoutAfterExit(pool, read, same);
        return;
      }
      pool.stderrSink().accept("[" + id + "] exited, but a process it started holds its stdout open;"
          + " not waiting for it");
      outputHeldOpen = true;
      end(pool);
    });
  }

  /** Hands the end to the pool, once, whoever sees it first. */
  private void end(ProcessPool pool) {
    if (ended.compareAndSet(false, true)) {
      pool.onEnd(this);
    }
  }

  /** Queues one message for the worker's stdin; {@link #drain()} writes it. Pool lock. */
  void send(Message message) {
    outbox.add(message);
  }

  /** Queues the end of input: the worker finishes what it holds and exits. Pool lock. */
  void closeInput() {
    closeQueued = true;
  }

  /**
   * Writes every queued message in one flush, then closes stdin if that was asked. Runs
   * outside the pool's lock, so a worker slow to read (a large request, a stopped process)
   * holds up only this thread and can still be timed out and killed. The write lock keeps
   * messages in the order they were queued. A failed write means the worker is dying; its
   * reader thread reports the end.
   */
  void drain() {
    synchronized (writeLock) {
      if (closed) {
        outbox.clear();
        return;
      }
      // Read first: every message queued before the close request is then visible below.
      boolean close = closeQueued;
      try {
        for (Message message = outbox.poll(); message != null; message = outbox.poll()) {
          writer.write(message);
        }
        writer.flush();
        if (close) {
          closed = true;
          writer.close();
        }
      } catch (IOException e) {
        closed = true;
        outbox.clear();
      } catch (RuntimeException | Error e) {
        // Half a request may be on the wire and the worker would wait for the rest: end it,
        // and its tasks are retried or failed like any dead worker's.
        closed = true;
        outbox.clear();
        kill();
      }
    }
  }

  /** Kills the process and everything it started; its stdout then ends and the pool hears of it. */
  void kill() {
    LiveWorkers.killTree(process.toHandle());
  }

  /**
   * How the process ended, with the tail of its stderr. Waits briefly for the exit status,
   * which the kernel reports a moment after stdout closes.
   */
  End describeEnd() {
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
    String tail = stderr.awaitTail(outputHeldOpen ? 20 : 500);
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
   * Why it ended, as its running task's failure says: the pool's reason if the pool ended it,
   * else what the process did. Pool lock.
   */
  String endReason(End end, Duration timeout) {
    return switch (ending) {
      case TIMEOUT -> "task exceeded the timeout of " + timeout.toMillis() + " ms; " + end.withTail();
      case PROTOCOL_ERROR -> protocolProblem + "; " + end.withTail();
      case KILLED -> end.summary() + " by ProcessPool.kill()";
      default -> end.withTail();
    };
  }

  /** The kind of failure its running task gets. Pool lock. */
  FailureKind failureKind() {
    return switch (ending) {
      case TIMEOUT -> FailureKind.TIMEOUT;
      case PROTOCOL_ERROR -> FailureKind.PROTOCOL_ERROR;
      default -> FailureKind.WORKER_DIED;
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
