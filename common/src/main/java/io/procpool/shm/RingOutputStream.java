package io.procpool.shm;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The writing end of a ring as a byte stream: bytes become {@link ShmLayout#MSG_DATA} records
 * of at most the ring's largest record, so a message of any size travels in pieces, and
 * {@link #close} writes {@link ShmLayout#MSG_END}. A full ring is waited on, with the wait
 * strategy, until the reader makes room or the peer is gone; a side that also reads on the
 * writing thread passes what to do meanwhile ({@link RingInputStream#readAhead}). One writer at
 * a time.
 */
public final class RingOutputStream extends OutputStream {
  private final RingBuffer ring;
  private final IdleStrategy idle;
  private final BooleanSupplier peerGone;
  /** Runs between looks at a full ring. */
  private final Runnable whileFull;
  private final byte[] buffer;
  private final UnsafeBuffer buffered;
  /** Wraps a caller's array for a large write that skips the buffer. */
  private final UnsafeBuffer direct = new UnsafeBuffer(new byte[0]);
  private int count;
  private boolean closed;

  /** @param peerGone true once the reader will never read again; null for "never asked" */
  public RingOutputStream(RingBuffer ring, ShmWait wait, BooleanSupplier peerGone) {
    this(ring, wait, peerGone, null);
  }

  /**
   * @param peerGone true once the reader will never read again; null for "never asked"
   * @param whileFull runs between looks at a full ring; null for nothing
   */
  public RingOutputStream(RingBuffer ring, ShmWait wait, BooleanSupplier peerGone, Runnable whileFull) {
    this.whileFull = whileFull;
    this.ring = ring;
    this.idle = wait.newIdleStrategy();
    this.peerGone = peerGone;
    this.buffer = new byte[ring.maxMsgLength()];
    this.buffered = new UnsafeBuffer(buffer);
  }

  @Override
  public void write(int b) throws IOException {
    if (count == buffer.length) {
      flushBuffer();
    }
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    int at = offset;
    int left = length;
    while (left > 0) {
      if (count == 0 && left >= buffer.length) {
        // A whole record straight from the caller's array: one copy instead of two.
        direct.wrap(bytes, at, buffer.length);
        send(ShmLayout.MSG_DATA, direct, buffer.length);
        at += buffer.length;
        left -= buffer.length;
        continue;
      }
      int n = Math.min(left, buffer.length - count);
      System.arraycopy(bytes, at, buffer, count, n);
      count += n;
      at += n;
      left -= n;
      if (count == buffer.length) {
        flushBuffer();
      }
    }
  }

  @Override
  public void flush() throws IOException {
    if (count > 0) {
      flushBuffer();
    }
  }

  /** Flushes, then writes the end of stream; the reader sees end of input after the last byte. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    flush();
    closed = true;
    send(ShmLayout.MSG_END, buffered, 0);
  }

  private void flushBuffer() throws IOException {
    send(ShmLayout.MSG_DATA, buffered, count);
    count = 0;
  }

  private void send(int type, UnsafeBuffer source, int length) throws IOException {
    if (closed && type == ShmLayout.MSG_DATA) {
      throw new IOException("ring stream closed");
    }
    while (!ring.write(type, source, 0, length)) {
      if (peerGone != null && peerGone.getAsBoolean()) {
        throw new IOException("the reader of the ring is gone");
      }
      if (whileFull != null) {
        whileFull.run();
      }
      idle.idle();
    }
    idle.reset();
  }
}
