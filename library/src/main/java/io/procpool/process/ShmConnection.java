package io.procpool.process;

import io.procpool.protocol.LargeValues;
import io.procpool.shm.RingInputStream;
import io.procpool.shm.RingOutputStream;
import io.procpool.shm.ShmFile;
import io.procpool.shm.ShmWait;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A worker's shared-memory file as a {@link Connection}: requests into one ring, answers from
 * the other, the same JSON lines as on a pipe. A ring cannot end the way a pipe does when its
 * writer dies, so the peer is gone when the process has exited and the answers ring is drained
 * (or when the worker wrote the end record). The file is deleted at the end.
 */
final class ShmConnection extends OutboxConnection {
  private final Process process;
  private final ShmFile file;
  private final String name;
  private final int maxMessageBytes;
  private final ShmWait wait;
  private final MessageStreams messages;
  /** This worker's large values off the line; its files go when the connection ends. */
  private final LargeValues values;
  private final Outbox outbox;
  /** Set by the process's exit: the rings' one sign that the worker is gone. */
  private volatile boolean exited;
  private final AtomicBoolean ended = new AtomicBoolean();

  /**
   * @param name the worker's id, for the reader thread's name
   * @param writers runs {@link #flushSoon}'s writes
   */
  ShmConnection(Process process, ShmFile file, String name, MessageStreams messages, int maxMessageBytes,
      ShmWait wait, Executor writers) throws IOException {
    this.process = process;
    this.file = file;
    this.name = name;
    this.maxMessageBytes = maxMessageBytes;
    this.wait = wait;
    this.messages = messages;
    this.values = messages.values(process);
    this.outbox = new Outbox(messages.output(new RingOutputStream(file.requests(), wait, this::exited), values),
        process, writers);
  }

  private boolean exited() {
    return exited;
  }

  @Override
  public void start(Listener listener) {
    process.onExit().thenRun(() -> exited = true);
    Thread reader = new Thread(() -> read(listener), "procpool-shm-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void read(Listener listener) {
    RingInputStream answers = new RingInputStream(file.answers(), wait, this::exited);
    try {
      MessagePump.pump(messages.input(answers, maxMessageBytes, values), listener, () -> false);
    } catch (IOException | RuntimeException | Error e) {
      listener.onReadFailed(e); // nobody reads this worker any more
    }
    end(listener);
  }

  /** Hands the end to the listener once, and deletes the file (a mapping outlives its name). */
  private void end(Listener listener) {
    if (ended.compareAndSet(false, true)) {
      values.deleteAll(); // before the end is told: a retry must not find the dead worker's files
      try {
        Files.deleteIfExists(file.path());
      } catch (IOException e) {
        // the pool's directory goes at its close, with whatever is left in it
      }
      listener.onEnd();
    }
  }

  @Override
  Outbox outbox() {
    return outbox;
  }
}
