package io.procpool.benchmarks;

import java.io.InputStream;

/**
 * An endless in-memory stream that repeats the same bytes, so one long-lived
 * {@link io.procpool.protocol.MessageReader} can decode the same line on every benchmark call,
 * as the pool's reader thread does with a worker's pipe. A read fills the whole buffer it is
 * given, as a pipe holding a burst of answers would.
 */
final class ReplayInputStream extends InputStream {
  private final byte[] bytes;
  private int position;

  /** @param bytes what to repeat; for the codec, one whole line with its newline */
  ReplayInputStream(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("nothing to replay");
    }
    this.bytes = bytes.clone();
  }

  @Override
  public int read() {
    int b = bytes[position] & 0xff;
    position = (position + 1) % bytes.length;
    return b;
  }

  @Override
  public int read(byte[] target, int offset, int length) {
    int copied = 0;
    while (copied < length) {
      int n = Math.min(length - copied, bytes.length - position);
      System.arraycopy(bytes, position, target, offset + copied, n);
      copied += n;
      position = (position + n) % bytes.length;
    }
    return copied;
  }
}
