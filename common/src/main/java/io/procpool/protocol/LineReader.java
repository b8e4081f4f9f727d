package io.procpool.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines without decoding them. Lines are
 * handed out in place, as a range of one reused buffer that the stream is read into directly,
 * so a byte is copied at most once more (when a line straddles the end of the buffer).
 *
 * <p>A line is refused as soon as more than the limit has arrived without its newline, not when
 * it ends, so an endless line ends the reading too. The buffer never grows past the limit and a
 * read's worth, and is dropped when a line is refused; the rest of that line is then discarded
 * as it arrives, on the next {@link #next()}. A line that would need more memory than the heap
 * has left is refused the same way.
 *
 * <p>Past its first bytes, a line is searched for its newline with the JSON reader's own test
 * for plain string content (no quote, backslash, control or non-ASCII byte; a newline is a
 * control byte), and the long plain stretches found are handed out with the line as
 * {@link #runs()}. The JSON reader skips them instead of scanning a megabyte string a second
 * time, and the scan happens while the bytes just read are still in the CPU's cache.
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
  /** The first bytes of a line are JSON structure, dense with quotes: only the newline is sought there. */
  private static final int RUNS_FROM = 512;
  /** Plain stretches shorter than this are not noted; after one, the newline scan takes over for a while. */
  private static final int MIN_RUN = 512;
  /** How far the newline scan goes alone after a short plain stretch, before the plain test is tried again. */
  private static final int DENSE_SKIP = 4 << 10;
  /** Most plain stretches noted per line (as start, end pairs); the reader scans any others itself. */
  private static final int MAX_RUNS = 4096;

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
  /** Plain stretches of the line being scanned, as buffer positions: start, end, start, end... */
  private int[] scanRuns = new int[16];
  private int scanRunCount;
  /** Plain stretches of the current line, as handed out. */
  private int[] lineRuns = new int[16];
  private int lineRunCount;
  /** Where the newline scan goes alone after a short plain stretch; plain testing resumes there. */
  private int denseUntil;
  /** A line was refused before its newline arrived: its rest is to be skipped, newline included. */
  private boolean discarding;

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

  /**
   * Stretches of the current line known to hold only plain JSON string content: {@code [runs[2k],
   * runs[2k + 1])} for k below {@link #runCount()}, in order, as positions in {@link #line()}.
   * Valid until the next {@link #next()}.
   */
  int[] runs() {
    return lineRuns;
  }

  int runCount() {
    return lineRunCount;
  }

  /** Whether a whole further line is already buffered, so that reading it will not block. */
  boolean hasBufferedLine() {
    int newline = scanForNewline(start + scanned, end);
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
   * @throws ProtocolException when the line is longer than the limit, as soon as that is known,
   *     or does not fit in memory; the next call goes on after that line's newline
   */
  boolean next() throws IOException {
    if (discarding && !discardRestOfRefusedLine()) {
      return false;
    }
    if (buffer.length > KEEP_BUFFER_BYTES && start > 0 && end - start <= READ_BYTES) {
      // Between large lines only a read's worth is pending: moving it to the front now lets
      // the next large line be read into place, where waiting until the buffer's end is
      // reached would move most of that line instead.
      byte[] target = shortLines >= SHORT_LINES_BEFORE_SHRINK ? new byte[2 * READ_BYTES] : buffer;
      System.arraycopy(buffer, start, target, 0, end - start);
      moved(start);
      end -= start;
      start = 0;
      buffer = target;
    }
    while (true) {
      int newline = scanForNewline(start + scanned, end);
      if (newline >= 0) {
        return take(newline, newline + 1);
      }
      scanned = end - start;
      if (scanned > maxLineBytes) {
        throw refuseUnfinishedLine("exceeds the limit of " + maxLineBytes + " bytes");
      }
      if (!fill()) {
        if (end == start) {
          return false;
        }
        return take(end, end); // a last line without its newline still counts
      }
    }
  }

  /** Index of the first newline in {@code [from, to)}, or -1; notes the long plain stretches it passes. */
  private int scanForNewline(int from, int to) {
    int i = from;
    while (i < to) {
      if (i - start < RUNS_FROM || i < denseUntil) {
        int limit = (int) Math.min(to, Math.max((long) start + RUNS_FROM, denseUntil));
        int newline = ByteScan.indexOfNewline(buffer, i, limit);
        if (newline >= 0) {
          return newline;
        }
        i = limit;
        continue;
      }
      int stop = ByteScan.endOfPlainString(buffer, i, to);
      if (stop == to) {
        noteRun(i, stop); // plain up to what has been read; the next read may extend it
        return -1;
      }
      if (stop - i >= MIN_RUN) {
        noteRun(i, stop);
      } else {
        denseUntil = stop + DENSE_SKIP;
      }
      if (buffer[stop] == '\n') {
        return stop;
      }
      i = stop + 1;
    }
    return -1;
  }

  /** Notes {@code [from, to)} as plain, joining it to the last stretch when they touch (a run read in pieces). */
  private void noteRun(int from, int to) {
    if (scanRunCount > 0 && scanRuns[2 * scanRunCount - 1] == from) {
      scanRuns[2 * scanRunCount - 1] = to;
      return;
    }
    if (to - from < MIN_RUN / 2 || scanRunCount == MAX_RUNS) {
      return; // a piece cut short by the end of the bytes read so far; the rest may join it
    }
    if (2 * scanRunCount == scanRuns.length) {
      scanRuns = Arrays.copyOf(scanRuns, 2 * scanRuns.length);
    }
    scanRuns[2 * scanRunCount] = from;
    scanRuns[2 * scanRunCount + 1] = to;
    scanRunCount++;
  }

  /** Keeps noted positions true after the pending bytes moved {@code by} bytes towards the front. */
  private void moved(int by) {
    for (int k = 0; k < 2 * scanRunCount; k++) {
      scanRuns[k] -= by;
    }
    denseUntil = Math.max(0, denseUntil - by);
  }

  private boolean take(int lineEnd, int next) throws ProtocolException {
    int[] runs = lineRuns;
    lineRuns = scanRuns;
    lineRunCount = scanRunCount;
    scanRuns = runs;
    scanRunCount = 0;
    denseUntil = 0;
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
        moved(start);
        end -= start;
        start = 0;
      }
      if (buffer.length - end < READ_BYTES) {
        grow();
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

  /**
   * Doubles the buffer, but never past what a line at the limit needs: the step that would
   * cross that goes straight to it, so the last copy is not of an array already that large.
   */
  private void grow() throws ProtocolException {
    long most = Math.min((long) maxLineBytes + READ_BYTES, Integer.MAX_VALUE - 8);
    long size = Math.max((long) buffer.length * 2, (long) end + READ_BYTES);
    if (2 * size > most) {
      size = most;
    }
    try {
      buffer = Arrays.copyOf(buffer, (int) Math.max(size, buffer.length));
    } catch (OutOfMemoryError e) {
      // Only this array failed to fit; dropping the line gives the heap back to everyone else.
      throw refuseUnfinishedLine("does not fit in memory (the limit is " + maxLineBytes + " bytes)");
    }
  }

  /**
   * Refuses the line being read before its newline has come: drops what is held of it and
   * leaves its rest to {@link #discardRestOfRefusedLine()}. The message gives the bytes held,
   * the least the line can be.
   */
  private ProtocolException refuseUnfinishedLine(String problem) {
    String excerpt = ProtocolException.excerpt(buffer, start, Math.min(end - start, Protocol.EXCERPT_CHARS));
    long held = end - start;
    if (buffer.length > KEEP_BUFFER_BYTES) {
      buffer = new byte[2 * READ_BYTES];
    }
    start = 0;
    end = 0;
    scanned = 0;
    scanRunCount = 0;
    denseUntil = 0;
    discarding = true;
    return new ProtocolException("line of at least " + held + " bytes " + problem, excerpt, null);
  }

  /** Reads and drops input up to and including the refused line's newline; false if the stream ends first. */
  private boolean discardRestOfRefusedLine() throws IOException {
    while (true) {
      int newline = ByteScan.indexOfNewline(buffer, start, end);
      if (newline >= 0) {
        start = newline + 1;
        discarding = false;
        return true;
      }
      start = 0;
      end = 0;
      if (!fill()) {
        return false;
      }
    }
  }

  private ProtocolException tooLong(long bytes, String excerpt) {
    return new ProtocolException("line of " + bytes + " bytes exceeds the limit of " + maxLineBytes + " bytes",
        excerpt, null);
  }
}
