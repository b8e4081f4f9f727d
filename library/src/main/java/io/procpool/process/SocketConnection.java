package io.procpool.process;

import io.procpool.protocol.LargeValues;
import io.procpool.transport.SocketStreams;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A worker's socket ({@code unix} or {@code tcp}) as a {@link Connection}: JSON lines, one
 * message each, once the worker has connected and proved itself. The peer is gone at the
 * socket's end of input, which the kernel delivers the moment the process dies; a worker that
 * exits before it connects ends too. Messages queued before the worker connects wait for it.
 * The worker's stdout is no longer the channel: whatever reaches it is forwarded like stderr.
 */
final class SocketConnection extends OutboxConnection {
  /** After the process exited, how long its socket may stay open before it is closed from here. */
  private static final long CLOSE_AFTER_EXIT_MILLIS = 2000;
  /** How long the reader polls for the next answer before it waits on a selector, as the worker does. */
  private static final long POLL_BEFORE_WAITING_NANOS = 50_000;

  private final WorkerProcess process;
  private final CompletableFuture<SocketChannel> accepted;
  private final MessageStreams messages;
  /** This worker's large values off the line; its files go when the connection ends. */
  private final LargeValues values;
  private final int maxMessageBytes;
  private final Runnable forget;
  /** Written once the worker connected; until then what is sent waits in it. */
  private final Outbox outbox;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile InputStream input;
  /** Whether the socket was closed from here because it outlived the process. */
  private volatile boolean closedAfterExit;

  /**
   * @param accepted completes with the worker's channel once it proved itself
   * @param report receives the lines the worker writes to stdout
   * @param forget called at the end: the worker no longer waits to connect
   */
  SocketConnection(WorkerProcess process, CompletableFuture<SocketChannel> accepted, MessageStreams messages,
      int maxMessageBytes, Consumer<String> report, Executor writers, Runnable forget) {
    this.process = process;
    this.accepted = accepted;
    this.messages = messages;
    this.values = messages.values(process.process);
    this.maxMessageBytes = maxMessageBytes;
    this.outbox = new Outbox(process.process, writers);
    this.forget = forget;
    new StderrTail(process.id + " stdout", process.process.getInputStream(), report);
  }

  @Override
  public void start(Listener listener) {
    process.process.onExit().thenRun(this::onExit);
    Thread reader = new Thread(() -> read(listener), "procpool-socket-" + process.id);
    reader.setDaemon(true);
    reader.start();
  }

  private void onExit() {
    accepted.completeExceptionally(new IOException("exited before it connected"));
    // The kernel ends the socket with the process; this is for a channel something else holds.
    CompletableFuture.delayedExecutor(CLOSE_AFTER_EXIT_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
      if (!ended.get()) {
        closedAfterExit = true;
        closeInput();
      }
    });
  }

  private void read(Listener listener) {
    try {
      SocketChannel channel;
      try {
        channel = accepted.join();
      } catch (CompletionException e) {
        return; // never connected: it is gone
      }
      SocketStreams streams = SocketStreams.of(channel, POLL_BEFORE_WAITING_NANOS);
      input = streams.input();
      outbox.connected(messages.output(new BufferedOutputStream(streams.output(), 1 << 16), values));
      outbox.flush(); // what was queued before it connected
      MessagePump.pump(messages.input(input, maxMessageBytes, values), listener, ended::get);
    } catch (IOException | RuntimeException | Error e) {
      if (!closedAfterExit) {
        listener.onReadFailed(e); // nobody reads this worker any more
      }
    } finally {
      end(listener);
    }
  }

  /** Hands the end to the listener, once, and lets go of the socket and the stdin pipe. */
  private void end(Listener listener) {
    if (ended.compareAndSet(false, true)) {
      values.deleteAll(); // before the end is told: a retry must not find the dead worker's files
      forget.run();
      closeInput();
      try {
        process.process.getOutputStream().close();
      } catch (IOException e) {
        // the process is gone
      }
      listener.onEnd();
    }
  }

  private void closeInput() {
    InputStream in = input;
    try {
      if (in != null) {
        in.close();
      } else {
        accepted.thenAccept(SocketConnection::closeQuietly);
      }
    } catch (IOException e) {
      // closed is closed
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closed is closed
    }
  }

  @Override
  Outbox outbox() {
    return outbox;
  }
}
