package io.procpool.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines without decoding them, reusing one
 * buffer, and refuses lines longer than a limit without holding them in memory.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
final class LineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[1 << 16];
  private int chunkStart;
  private int chunkEnd;
  private static final int INITIAL_LINE_BYTES = 1 << 12;
  /** A buffer grown past this for one large line is dropped afterwards rather than kept for good. */
  private static final int KEEP_LINE_BYTES = 1 << 20;

  private byte[] line = new byte[INITIAL_LINE_BYTES];
  private int lineLength;

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The bytes of the current line; valid until the next {@link #next()}. */
  byte[] line() {
    return line;
  }

  int length() {
    return lineLength;
  }

  /**
   * Reads the next line into {@link #line()}, without its terminator (and without a {@code \r}
   * before it).
   *
   * @return false at end of stream with no pending bytes
   * @throws ProtocolException when the line is longer than the limit; the line is skipped
   */
  boolean next() throws IOException {
    lineLength = 0;
    if (line.length > KEEP_LINE_BYTES) {
      line = new byte[INITIAL_LINE_BYTES];
    }
    boolean sawAny = false;
    boolean tooLong = false;
    long tooLongBytes = 0;
    while (true) {
      if (chunkStart == chunkEnd) {
        int n = in.read(chunk);
        if (n < 0) {
          if (!sawAny) {
            return false;
          }
          break; // a last line without its newline still counts
        }
        chunkStart = 0;
        chunkEnd = n;
        continue;
      }
      sawAny = true;
      int newline = indexOf(chunk, chunkStart, chunkEnd);
      int end = newline < 0 ? chunkEnd : newline;
      int count = end - chunkStart;
      if (tooLong || (long) lineLength + count > maxLineBytes) {
        if (!tooLong) {
          tooLong = true;
          tooLongBytes = lineLength;
          // Keep the line's start for the error message, even when one read overflows at once.
          append(chunk, chunkStart, Math.min(count, Math.max(0, Protocol.EXCERPT_CHARS - lineLength)));
        }
        tooLongBytes += count;
      } else {
        append(chunk, chunkStart, count);
      }
      chunkStart = newline < 0 ? chunkEnd : newline + 1;
      if (newline >= 0) {
        break;
      }
    }
    if (tooLong) {
      int shown = Math.min(lineLength, Protocol.EXCERPT_CHARS);
      String problem = "line of " + tooLongBytes + " bytes exceeds the limit of " + maxLineBytes + " bytes";
      lineLength = 0;
      throw new ProtocolException(problem, ProtocolException.excerpt(line, shown), null);
    }
    if (lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
    }
    return true;
  }

  private void append(byte[] source, int from, int count) {
    if (lineLength + count > line.length) {
      long grown = Math.max((long) line.length * 2, (long) lineLength + count);
      line = Arrays.copyOf(line, (int) Math.min(grown, Integer.MAX_VALUE - 8));
    }
    System.arraycopy(source, from, line, lineLength, count);
    lineLength += count;
  }

  private static int indexOf(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
