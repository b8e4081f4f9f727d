package io.procpool.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines without decoding them. Lines are
 * handed out in place, as a range of one reused buffer that the stream is read into directly,
 * so a byte is copied at most once more (when a line straddles the end of the buffer). A line
 * longer than the limit is skipped without being held in memory.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
final class LineReader {
  /** Bytes asked for per read: a pipe holds 64 KiB, and larger requests only cost the JDK a bigger native buffer. */
  private static final int READ_BYTES = 1 << 16;
  /** A buffer grown past this for large lines is dropped once they stop coming, rather than kept for good. */
  private static final int KEEP_BUFFER_BYTES = 1 << 20;
  /**
   * How many short lines in a row mean the large ones have stopped. Dropping the buffer after
   * every large line made each one regrow it by doubling from 128 KiB: four new arrays (the
   * last ones humongous to G1) and two extra copies of the line, a third of a 1 MiB echo's time.
   */
  private static final int SHORT_LINES_BEFORE_SHRINK = 64;

  private final InputStream in;
  private final int maxLineBytes;
  private final long pollNanos;
  private byte[] buffer = new byte[READ_BYTES];
  /** Unconsumed bytes are {@code buffer[start, end)}. */
  private int start;
  private int end;
  /** How many bytes after {@link #start} are known to hold no newline. */
  private int scanned;
  private int lineOffset;
  private int lineLength;
  /** Lines of at most {@link #READ_BYTES} read since the last longer one. */
  private int shortLines;

  LineReader(InputStream in, int maxLineBytes) {
    this(in, maxLineBytes, 0);
  }

  /** @param pollNanos how long to poll for input before blocking in a read; 0 to block at once */
  LineReader(InputStream in, int maxLineBytes, long pollNanos) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.pollNanos = pollNanos;
  }

  /** The buffer holding the current line; valid until the next {@link #next()}. */
  byte[] line() {
    return buffer;
  }

  /** Where the current line starts in {@link #line()}. */
  int offset() {
    return lineOffset;
  }

  int length() {
    return lineLength;
  }

  /** Whether a whole further line is already buffered, so that reading it will not block. */
  boolean hasBufferedLine() {
    int newline = ByteScan.indexOfNewline(buffer, start + scanned, end);
    if (newline < 0) {
      scanned = end - start;
      return false;
    }
    scanned = newline - start;
    return true;
  }

  /**
   * Reads the next line, without its terminator (and without a {@code \r} before it).
   *
   * @return false at end of stream with no pending bytes
   * @throws ProtocolException when the line is longer than the limit; the line is skipped
   */
  boolean next() throws IOException {
    if (buffer.length > KEEP_BUFFER_BYTES && start > 0 && end - start <= READ_BYTES) {
      // Between large lines only a read's worth is pending: moving it to the front now lets
      // the next large line be read into place, where waiting until the buffer's end is
      // reached would move most of that line instead.
      byte[] target = shortLines >= SHORT_LINES_BEFORE_SHRINK ? new byte[2 * READ_BYTES] : buffer;
      System.arraycopy(buffer, start, target, 0, end - start);
      end -= start;
      start = 0;
      buffer = target;
    }
    while (true) {
      int newline = ByteScan.indexOfNewline(buffer, start + scanned, end);
      if (newline >= 0) {
        return take(newline, newline + 1);
      }
      scanned = end - start;
      if (scanned > maxLineBytes) {
        skipLongLine();
      }
      if (!fill()) {
        if (end == start) {
          return false;
        }
        return take(end, end); // a last line without its newline still counts
      }
    }
  }

  private boolean take(int lineEnd, int next) throws ProtocolException {
    int length = lineEnd - start;
    if (length > maxLineBytes) {
      String excerpt = ProtocolException.excerpt(buffer, start, Math.min(length, Protocol.EXCERPT_CHARS));
      start = next;
      scanned = 0;
      throw tooLong(length, excerpt);
    }
    shortLines = length > READ_BYTES ? 0 : shortLines + 1;
    lineOffset = start;
    lineLength = length > 0 && buffer[lineEnd - 1] == '\r' ? length - 1 : length;
    start = next;
    scanned = 0;
    return true;
  }

  /** Reads more input after {@link #end}, making room first; false at end of stream. */
  private boolean fill() throws IOException {
    if (buffer.length - end < READ_BYTES) {
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start); // keep only the partial line
        end -= start;
        start = 0;
      }
      if (buffer.length - end < READ_BYTES) {
        long grown = Math.max((long) buffer.length * 2, (long) end + READ_BYTES);
        buffer = Arrays.copyOf(buffer, (int) Math.min(grown, Integer.MAX_VALUE - 8));
      }
    }
    if (pollNanos > 0) {
      awaitInput();
    }
    int n = in.read(buffer, end, Math.min(READ_BYTES, buffer.length - end));
    if (n < 0) {
      return false;
    }
    end += n;
    return true;
  }

  /** Polls, yielding the CPU, until input is ready or the poll time is up; then the read blocks as usual. */
  private void awaitInput() {
    long deadline = System.nanoTime() + pollNanos;
    try {
      while (in.available() == 0 && System.nanoTime() < deadline) {
        Thread.yield();
      }
    } catch (IOException e) {
      // the read reports it
    }
  }

  /** Discards the current over-long line up to and including its newline, then throws. */
  private void skipLongLine() throws IOException {
    String excerpt = ProtocolException.excerpt(buffer, start, Math.min(end - start, Protocol.EXCERPT_CHARS));
    long skipped = end - start;
    start = 0;
    end = 0;
    scanned = 0;
    while (fill()) {
      int newline = ByteScan.indexOfNewline(buffer, 0, end);
      if (newline >= 0) {
        skipped += newline;
        start = newline + 1;
        throw tooLong(skipped, excerpt);
      }
      skipped += end;
      end = 0;
    }
    throw tooLong(skipped, excerpt);
  }

  private ProtocolException tooLong(long bytes, String excerpt) {
    return new ProtocolException("line of " + bytes + " bytes exceeds the limit of " + maxLineBytes + " bytes",
        excerpt, null);
  }
}
