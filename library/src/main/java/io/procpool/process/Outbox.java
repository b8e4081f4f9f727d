package io.procpool.process;

import io.procpool.protocol.Message;
import io.procpool.protocol.MessageOutput;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sending half of a {@link Connection}, whatever carries the bytes: messages queued
 * without blocking, written in order by whoever flushes, and the end of output after them.
 */
final class Outbox {
  /** Null until {@link #connected}: a socket's writer exists once the worker connected. */
  private MessageOutput writer;
  private final Process process;
  private final Executor writers;
  /** Messages queued by {@link #send} and written by {@link #flush}, in order. */
  private final Queue<Message> queued = new ConcurrentLinkedQueue<>();
  private final Object writeLock = new Object();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private volatile boolean closeQueued;
  /** Guarded by {@link #writeLock}, as is {@link #writer}. */
  private boolean closed;

  /**
   * @param process killed when a write fails half-way
   * @param writers runs {@link #flushSoon}'s writes
   */
  Outbox(MessageOutput writer, Process process, Executor writers) {
    this.writer = writer;
    this.process = process;
    this.writers = writers;
  }

  /** An outbox whose writer comes later: what is sent meanwhile waits for {@link #connected}. */
  Outbox(Process process, Executor writers) {
    this(null, process, writers);
  }

  /** The writer is there: what was queued is written by the next {@link #flush}. */
  void connected(MessageOutput writer) {
    synchronized (writeLock) {
      this.writer = writer;
    }
  }

  void send(Message message) {
    queued.add(message);
  }

  void closeOutput() {
    closeQueued = true;
  }

  /**
   * Writes every queued message in one flush, then closes the output if that was asked; before
   * the writer is there, leaves them queued. The write lock keeps messages in the order they
   * were queued. A failed write means the worker
   * is dying, and its end is reported by the reader.
   */
  void flush() {
    synchronized (writeLock) {
      if (closed) {
        queued.clear();
        return;
      }
      if (writer == null) {
        return; // not connected yet: the queue waits
      }
      // Read first: every message queued before the close request is then visible below.
      boolean close = closeQueued;
      try {
        for (Message message = queued.poll(); message != null; message = queued.poll()) {
          writer.write(message);
        }
        writer.flush();
        if (close) {
          closed = true;
          writer.close();
        }
      } catch (IOException e) {
        closed = true;
        queued.clear();
      } catch (RuntimeException | Error e) {
        // Half a request may be on the wire and the worker would wait for the rest: end it,
        // and its tasks are retried or failed like any dead worker's.
        closed = true;
        queued.clear();
        WorkerProcess.killTree(process);
      }
    }
  }

  void flushSoon() {
    if (flushScheduled.compareAndSet(false, true)) {
      writers.execute(() -> {
        flushScheduled.set(false); // before the flush: a message queued during it gets another
        flush();
      });
    }
  }
}
