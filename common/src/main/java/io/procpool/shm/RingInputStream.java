package io.procpool.shm;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The reading end of a ring as a byte stream: the {@link ShmLayout#MSG_DATA} records in order,
 * and end of input at {@link ShmLayout#MSG_END}, or once the peer is gone and the ring holds
 * nothing more (a ring cannot say that its writer died; the process can). An empty ring is
 * waited on with the wait strategy. One reader thread.
 *
 * <p>{@link #readAhead} lets a side that reads and writes on one thread keep draining this
 * ring while it waits for room in the other: were both rings full and both sides waiting to
 * write, neither would ever read again.
 */
public final class RingInputStream extends InputStream {
  private final RingBuffer ring;
  private final IdleStrategy idle;
  private final BooleanSupplier peerGone;
  /** One record's bytes, copied out so the ring can reuse its space at once. */
  private final byte[] record;
  private final MessageHandler handler = this::take;
  private final MessageHandler keep = this::keep;
  /** Records taken from the ring by {@link #readAhead} and not yet read, oldest first. */
  private final ArrayDeque<byte[]> ahead = new ArrayDeque<>();
  /** Whether {@link #ahead} ends with the end of the stream. */
  private boolean endAhead;
  private int position;
  private int limit;
  private boolean ended;

  /** @param peerGone true once the writer will never write again; null for "never asked" */
  public RingInputStream(RingBuffer ring, ShmWait wait, BooleanSupplier peerGone) {
    this.ring = ring;
    this.idle = wait.newIdleStrategy();
    this.peerGone = peerGone;
    this.record = new byte[ring.maxMsgLength()];
  }

  @Override
  public int read() {
    if (position == limit && !fill(/* block= */ true)) {
      return -1;
    }
    return record[position++] & 0xff;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (position == limit && !fill(/* block= */ true)) {
      return -1;
    }
    int n = Math.min(length, limit - position);
    System.arraycopy(record, position, bytes, offset, n);
    position += n;
    return n;
  }

  /** What is already copied out, or else the next record if one is there; never waits. */
  @Override
  public int available() {
    if (position == limit) {
      fill(/* block= */ false);
    }
    return limit - position;
  }

  /**
   * Moves every record the ring holds now into memory, to be read in order later, so that the
   * writer finds room again; never waits. For the thread that reads this stream, between reads.
   */
  public void readAhead() {
    while (!endAhead && ring.read(keep, Integer.MAX_VALUE) > 0) {
      // keep() took them
    }
  }

  private void keep(int type, DirectBuffer buffer, int index, int length) {
    if (type == ShmLayout.MSG_END) {
      endAhead = true;
    } else if (type == ShmLayout.MSG_DATA && length > 0) {
      byte[] copy = new byte[length];
      buffer.getBytes(index, copy);
      ahead.add(copy);
    }
  }

  /** Takes the next data record; false at the end of the stream (or, not blocking, none yet). */
  private boolean fill(boolean block) {
    if (!ahead.isEmpty() || endAhead) {
      return fillFromAhead();
    }
    while (!ended) {
      if (ring.read(handler, 1) > 0) {
        if (position < limit) {
          idle.reset();
          return true;
        }
        continue; // an empty record, or the end
      }
      if (!block) {
        return false;
      }
      if (peerGone != null && peerGone.getAsBoolean()) {
        // What it wrote before it went is in the ring: one more look, then the end.
        if (ring.read(handler, 1) > 0) {
          continue;
        }
        ended = true;
        return false;
      }
      idle.idle();
    }
    return false;
  }

  private boolean fillFromAhead() {
    byte[] next = ahead.poll();
    if (next == null) {
      ended = true; // endAhead: nothing was read ahead after the end
      return false;
    }
    System.arraycopy(next, 0, record, 0, next.length);
    position = 0;
    limit = next.length;
    return true;
  }

  private void take(int type, DirectBuffer buffer, int index, int length) {
    if (type == ShmLayout.MSG_END) {
      ended = true;
      return;
    }
    if (type != ShmLayout.MSG_DATA) {
      return; // a record type of a later layout version: not stream bytes
    }
    buffer.getBytes(index, record, 0, length);
    position = 0;
    limit = length;
  }
}
