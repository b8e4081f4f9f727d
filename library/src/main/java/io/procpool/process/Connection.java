package io.procpool.process;

import io.procpool.protocol.Message;
import io.procpool.protocol.ProtocolException;

/**
 * The pool's side of one worker's channel: messages out, messages in, and the end. The pool
 * knows nothing of the bytes beneath; {@link PipeConnection} (the worker's stdin and stdout) is
 * the first implementation, and a socket or shared-memory transport is another; all three send
 * through an {@link OutboxConnection}.
 *
 * <p>{@link #send} and {@link #closeOutput} only queue and never block, so the pool may call
 * them under its lock; {@link #flush} does the writing and may block on a peer slow to read,
 * so it runs outside the lock, on the caller's thread or (for {@link #flushSoon}) on a writer
 * thread of the connection's own.
 */
interface Connection {

  /** What arrives from the worker; called on the connection's reader thread, in order. */
  interface Listener {
    /**
     * One message.
     *
     * @param moreBuffered another whole message is already read: the worker still holds work,
     *     so sending to it can wait for the end of the burst and go out in one write
     */
    void onMessage(Message message, boolean moreBuffered);

    /** A line that is not a protocol message; returns whether to keep reading. */
    boolean onBadLine(ProtocolException bad);

    /** Reading failed for another reason; {@link #onEnd} follows. */
    void onReadFailed(Throwable failure);

    /**
     * The peer is gone: nothing more will arrive. Called exactly once, also when the peer
     * exited while something it left behind holds the channel open.
     */
    void onEnd();
  }

  /** Starts delivering what the worker sends to the listener. */
  void start(Listener listener);

  /** Queues one message; {@link #flush} writes it. Never blocks. */
  void send(Message message);

  /** Queues the end of output: the worker finishes what it holds and exits. Never blocks. */
  void closeOutput();

  /** Writes everything queued, in order, and closes the output if that was queued. May block. */
  void flush();

  /** Has {@link #flush} run soon on a thread that is not the caller's. */
  void flushSoon();

  /**
   * Whether the end was declared while a leftover process held the channel open (then the
   * worker's stderr may never end either).
   */
  default boolean heldOpen() {
    return false;
  }
}
