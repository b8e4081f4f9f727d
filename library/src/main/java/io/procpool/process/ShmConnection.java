package io.procpool.process;

import io.procpool.protocol.LargeValues;
import io.procpool.protocol.Message;
import io.procpool.protocol.MessageInput;
import io.procpool.protocol.ProtocolException;
import io.procpool.shm.RingInputStream;
import io.procpool.shm.RingOutputStream;
import io.procpool.shm.ShmFile;
import io.procpool.shm.ShmWait;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.agrona.concurrent.IdleStrategy;

/**
 * A worker's shared-memory file as a {@link Connection}: requests into one ring, answers from
 * the other, the same JSON lines as on a pipe. A ring cannot end the way a pipe does when its
 * writer dies, so the peer is gone when the process has exited and the answers ring is drained
 * (or when the worker wrote the end record). The file is deleted at the end.
 *
 * <p>With {@code spin}, a caller waiting for a result reads the answers itself
 * ({@link #readWaiting}) rather than waiting to be woken by the reader thread, which then backs
 * off: one spinning thread on each side of a round trip, which two cores can hold.
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
  /** Held by whichever thread reads the answers ring: the reader thread, or a waiting caller. */
  private final ReentrantLock reading = new ReentrantLock();
  /** The answers, once started; read only by the holder of {@link #reading}. */
  private MessageInput answers;
  private RingInputStream answersRing;
  private volatile Listener listener;
  /** Set when reading has stopped for good (a bad line given up on, a failed read): the reader thread ends it. */
  private volatile boolean stopped;
  private final Consumer<ShmConnection> whenEnded;

  /**
   * @param name the worker's id, for the reader thread's name
   * @param writers runs {@link #flushSoon}'s writes
   * @param ended told of this connection's end
   */
  ShmConnection(Process process, ShmFile file, String name, MessageStreams messages, int maxMessageBytes,
      ShmWait wait, Executor writers, Consumer<ShmConnection> ended) throws IOException {
    this.whenEnded = ended;
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
    answersRing = new RingInputStream(file.answers(), wait, this::exited);
    answers = messages.input(answersRing, maxMessageBytes, values);
    this.listener = listener; // volatile: publishes the two above to waiting callers
    Thread reader = new Thread(wait == ShmWait.SPIN ? this::readShared : this::read, "procpool-shm-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try {
      MessagePump.pump(answers, listener, () -> false);
    } catch (IOException | RuntimeException | Error e) {
      listener.onReadFailed(e); // nobody reads this worker any more
    }
    end(listener);
  }

  /**
   * The reader thread with {@code spin}: reads what waiting callers leave, backing off (up to
   * parking) while nothing comes, and alone declares the end.
   */
  private void readShared() {
    IdleStrategy idle = ShmWait.BACKOFF.newIdleStrategy();
    while (!stopped) {
      boolean read = false;
      // tryLock, never lock: a caller's unlock must not have to wake this thread.
      if (reading.tryLock()) {
        try {
          if (answerArrived() || exited) {
            read = readOne(); // after the exit: what is left, then the end
          }
        } finally {
          reading.unlock();
        }
      }
      if (read) {
        idle.reset();
      } else if (!stopped) {
        idle.idle();
      }
    }
    end(listener);
  }

  /**
   * Reads and hands on one answer that has arrived, on the calling thread, unless another thread
   * is reading this ring; never waits for one. For a caller waiting for a result by spinning.
   *
   * @return whether it read something
   */
  boolean readWaiting() {
    if (listener == null || stopped || !reading.tryLock()) {
      return false;
    }
    try {
      return answerArrived() && readOne();
    } finally {
      reading.unlock();
    }
  }

  private boolean answerArrived() {
    return answers.hasBuffered() || answersRing.available() > 0;
  }

  /**
   * One message to the listener; false, with {@link #stopped} set, when reading ends. Blocks
   * only while a message is arriving, or at the end once the worker has exited.
   */
  private boolean readOne() {
    try {
      Message message = answers.read();
      if (message == null) {
        stopped = true;
        return false;
      }
      listener.onMessage(message, answers.hasBuffered());
      return true;
    } catch (ProtocolException bad) {
      if (!listener.onBadLine(bad)) {
        stopped = true;
      }
      return !stopped;
    } catch (IOException | RuntimeException | Error e) {
      stopped = true;
      listener.onReadFailed(e); // nobody reads this worker any more
      return false;
    }
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
      whenEnded.accept(this);
      listener.onEnd();
    }
  }

  @Override
  Outbox outbox() {
    return outbox;
  }
}
