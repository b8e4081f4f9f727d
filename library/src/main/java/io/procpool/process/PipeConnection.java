package io.procpool.process;

import io.procpool.protocol.LargeValues;
import io.procpool.protocol.MessageInput;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A worker's stdin and stdout as a {@link Connection}: JSON lines, one message each. The peer
 * is gone when stdout ends, or when the process has exited and a process it started holds
 * stdout open (then nothing the worker wrote is left to read).
 */
final class PipeConnection extends OutboxConnection {
  /** How often, once the process has exited, to check whether its stdout is held open... */
  private static final long HELD_STDOUT_CHECK_MILLIS = 100;
  /** ...and how many checks in a row must find the reader waiting in the same read. */
  private static final int HELD_STDOUT_CHECKS = 3;

  private final Process process;
  private final String name;
  private final int maxMessageBytes;
  private final Consumer<String> report;
  private final MessageStreams messages;
  /** This worker's large strings off the line; its files go when the connection ends. */
  private final LargeValues values;
  private final Outbox outbox;
  private final AtomicBoolean ended = new AtomicBoolean();
  /** Whether the stdout reader is inside a read, waiting for output, and how many it began. */
  private volatile boolean awaitingOutput;
  private final AtomicLong readsStarted = new AtomicLong();
  private volatile boolean heldOpen;

  /**
   * @param name the worker's id, for thread names and the held-open notice
   * @param writers runs {@link #flushSoon}'s writes
   */
  PipeConnection(Process process, String name, MessageStreams messages, LargeValues values, int maxMessageBytes,
      Consumer<String> report, Executor writers) throws IOException {
    this.process = process;
    this.name = name;
    this.maxMessageBytes = maxMessageBytes;
    this.report = report;
    this.messages = messages;
    this.values = values;
    this.outbox = new Outbox(messages.output(process.getOutputStream(), values), process, writers);
  }

  /** Whether the end was declared while a leftover process held stdout open. */
  @Override
  public boolean heldOpen() {
    return heldOpen;
  }

  @Override
  public void start(Listener listener) {
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
    Thread reader = new Thread(() -> read(stdout, listener), "procpool-stdout-" + name);
    reader.setDaemon(true);
    reader.start();
    process.onExit().thenRun(() -> checkStdoutAfterExit(listener, -1, 0));
  }

  private void read(InputStream stdout, Listener listener) {
    MessageInput input = messages.input(stdout, maxMessageBytes, values);
    try {
      MessagePump.pump(input, listener, ended::get);
    } catch (IOException | RuntimeException | Error e) {
      listener.onReadFailed(e); // nobody reads this worker any more
    }
    end(listener);
  }

  /**
   * The process has exited. Its stdout normally ends with it, but a process it started may
   * have inherited the pipe and hold it open for as long as it lives. When the reader has been
   * waiting in one and the same read over several checks, nothing the worker wrote is left to
   * read, and the end is declared without waiting for that process. (One check could mistake a
   * reader thread starved of CPU for a blocked one, and drop answers still in the pipe.)
   */
  private void checkStdoutAfterExit(Listener listener, long previousRead, int sameReadChecks) {
    CompletableFuture.delayedExecutor(HELD_STDOUT_CHECK_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
      if (ended.get()) {
        return;
      }
      long read = readsStarted.get();
      int same = awaitingOutput && read == previousRead ? sameReadChecks + 1 : 0;
      if (same < HELD_STDOUT_CHECKS) {
        checkStdoutAfterExit(listener, read, same);
        return;
      }
      report.accept("[" + name + "] exited, but a process it started holds its stdout open; not waiting for it");
      heldOpen = true;
      end(listener);
    });
  }

  /** Hands the end to the listener, once, whoever sees it first. */
  private void end(Listener listener) {
    if (ended.compareAndSet(false, true)) {
      values.deleteAll(); // before the end is told: a retry must not find the dead worker's files
      listener.onEnd();
    }
  }

  @Override
  Outbox outbox() {
    return outbox;
  }
}
