package io.procpool.protocol;

import java.io.InputStream;
import java.util.Arrays;

/**
 * A run of one byte, endless or of a given length, then an optional tail; notes how much was
 * read and the largest array a reader read into, which is the reader's buffer.
 */
final class EndlessInputStream extends InputStream {
  private final byte fill;
  private final long fillBytes;
  private final byte[] tail;
  private long position;
  private int largestTarget;

  private EndlessInputStream(byte fill, long fillBytes, byte[] tail) {
    this.fill = fill;
    this.fillBytes = fillBytes;
    this.tail = tail;
  }

  /** The byte {@code fill}, for ever: a line that never ends. */
  static EndlessInputStream endless(char fill) {
    return new EndlessInputStream((byte) fill, Long.MAX_VALUE, new byte[0]);
  }

  /** {@code count} bytes {@code fill}, then {@code tail}, then end of stream. */
  static EndlessInputStream repeatThen(char fill, long count, byte[] tail) {
    return new EndlessInputStream((byte) fill, count, tail);
  }

  long bytesRead() {
    return position;
  }

  int largestTarget() {
    return largestTarget;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) {
    largestTarget = Math.max(largestTarget, target.length);
    if (position < fillBytes) {
      int n = (int) Math.min(length, fillBytes - position);
      Arrays.fill(target, offset, offset + n, fill);
      position += n;
      return n;
    }
    long tailAt = position - fillBytes;
    if (tailAt >= tail.length) {
      return -1;
    }
    int n = (int) Math.min(length, tail.length - tailAt);
    System.arraycopy(tail, (int) tailAt, target, offset, n);
    position += n;
    return n;
  }
}
