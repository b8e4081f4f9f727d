package io.procpool.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes JSON into its own buffer and hands it to the stream in large writes: on
 * {@link #flush()} and when the buffer fills. A long string goes through the buffer in chunks
 * that stay in the CPU's cache, never as one copy of the whole string. Output is byte for byte
 * what Jackson's UTF-8 generator writes for the same values (same escapes, surrogates as
 * {@code \\uXXXX}, non-finite doubles as strings), so the wire format does not depend on which
 * one wrote it. Not thread-safe.
 */
final class JsonWriter {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.ISO_8859_1);
  /** From this length on, Latin-1 strings are copied in bulk rather than char by char. */
  private static final int BULK_STRING_CHARS = 512;
  /** The first bulk copy of a string, and the one after each escape; also the char-by-char stretch after a short run. */
  private static final int MIN_CHUNK_CHARS = 512;
  /** The largest bulk copy: small enough to stay in the L1 cache until it has been scanned. */
  private static final int MAX_CHUNK_CHARS = 16 << 10;
  /** For each ASCII character: 0 to copy, else the letter of its short escape, or 'u' for {@code \\u00XX}. */
  private static final byte[] ESCAPES = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = 'u';
    }
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
  }

  private final OutputStream out;
  private final byte[] buffer;
  private int count;

  JsonWriter(OutputStream out, int bufferBytes) {
    this.out = out;
    this.buffer = new byte[bufferBytes];
  }

  /** Bytes written but not yet handed to the stream. */
  int buffered() {
    return count;
  }

  void raw(char c) throws IOException {
    if (count == buffer.length) {
      drain();
    }
    buffer[count++] = (byte) c;
  }

  /** Writes ASCII text that needs no escaping, such as {@code "type":}. */
  void raw(byte[] ascii) throws IOException {
    if (ascii.length > buffer.length - count) {
      drain();
      if (ascii.length > buffer.length) {
        out.write(ascii);
        return;
      }
    }
    System.arraycopy(ascii, 0, buffer, count, ascii.length);
    count += ascii.length;
  }

  /**
   * Writes an integer. Two digits per step, from a table, and 64-bit arithmetic only for the part
   * above eight digits: a worker writes a 16-digit {@code startedAt} per outcome, and the
   * digit-by-digit loop this replaces was half of a noop worker's CPU at chunksize 1000.
   */
  void number(long value) throws IOException {
    ensure(20);
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        raw(LONG_MIN_VALUE);
        return;
      }
      buffer[count++] = '-';
      value = -value;
    }
    if (value < EIGHT_DIGITS) {
      count = smallNumber(buffer, count, (int) value);
      return;
    }
    long high = value / EIGHT_DIGITS;
    int low = (int) (value - high * EIGHT_DIGITS);
    if (high < EIGHT_DIGITS) {
      count = smallNumber(buffer, count, (int) high);
    } else {
      long top = high / EIGHT_DIGITS; // at most 3 digits: Long.MAX_VALUE has 19
      count = smallNumber(buffer, count, (int) top);
      count = eightDigits(buffer, count, (int) (high - top * EIGHT_DIGITS));
    }
    count = eightDigits(buffer, count, low);
  }

  private static final long EIGHT_DIGITS = 100_000_000L;
  private static final byte[] LONG_MIN_VALUE = "-9223372036854775808".getBytes(StandardCharsets.ISO_8859_1);
  /** "00" to "99": the two digits of each number below 100. */
  private static final byte[] DIGIT_PAIRS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
      DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  /** Writes {@code 0 <= value < 10^8} without leading zeros at {@code at}; returns the end. */
  private static int smallNumber(byte[] buffer, int at, int value) {
    int digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10_000 ? 4
        : value < 100_000 ? 5 : value < 1_000_000 ? 6 : value < 10_000_000 ? 7 : 8;
    int end = at + digits;
    int i = end;
    while (value >= 100) {
      int rest = value / 100;
      int pair = 2 * (value - rest * 100);
      buffer[--i] = DIGIT_PAIRS[pair + 1];
      buffer[--i] = DIGIT_PAIRS[pair];
      value = rest;
    }
    if (value >= 10) {
      buffer[--i] = DIGIT_PAIRS[2 * value + 1];
      buffer[--i] = DIGIT_PAIRS[2 * value];
    } else {
      buffer[--i] = (byte) ('0' + value);
    }
    return end;
  }

  /** Writes {@code 0 <= value < 10^8} as exactly eight digits, zero-padded, at {@code at}; returns the end. */
  private static int eightDigits(byte[] buffer, int at, int value) {
    for (int i = at + 6; i >= at; i -= 2) {
      int rest = value / 100;
      int pair = 2 * (value - rest * 100);
      buffer[i] = DIGIT_PAIRS[pair];
      buffer[i + 1] = DIGIT_PAIRS[pair + 1];
      value = rest;
    }
    return at + 8;
  }

  /** As Jackson: {@code Double.toString}, and non-finite values as strings ({@code "NaN"}). */
  void number(double value) throws IOException {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      string(Double.toString(value));
    } else {
      raw(Double.toString(value).getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  void literal(boolean value) throws IOException {
    raw(value ? TRUE : FALSE);
  }

  void nullValue() throws IOException {
    raw(NULL);
  }

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  /**
   * Writes a plain Java value: null, String, Boolean, any integral boxed number, Double or
   * Float, BigInteger, BigDecimal, Map (keys by {@code String.valueOf}), Iterable or Object[];
   * anything else as the string of its {@code toString()}.
   */
  void value(Object value) throws IOException {
    if (value == null) {
      nullValue();
    } else if (value instanceof String s) {
      string(s);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      number(((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      literal(b);
    } else if (value instanceof Double || value instanceof Float) {
      number(((Number) value).doubleValue());
    } else if (value instanceof BigInteger || value instanceof BigDecimal) {
      raw(value.toString().getBytes(StandardCharsets.ISO_8859_1));
    } else if (value instanceof Map<?, ?> map) {
      raw('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          raw(',');
        }
        first = false;
        string(String.valueOf(entry.getKey()));
        raw(':');
        value(entry.getValue());
      }
      raw('}');
    } else if (value instanceof Iterable<?> items) {
      raw('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          raw(',');
        }
        first = false;
        value(item);
      }
      raw(']');
    } else if (value instanceof Object[] items) {
      value(Arrays.asList(items));
    } else {
      string(value.toString());
    }
  }

  /** Writes a string with its quotes, escaped as JSON requires, in UTF-8. */
  void string(String text) throws IOException {
    raw('"');
    if (text.length() >= BULK_STRING_CHARS && Coder.isLatin1(text)) {
      bulkLatin1(text);
    } else {
      escaped(text, 0, text.length());
    }
    raw('"');
  }

  /**
   * A long Latin-1 string, copied into the buffer a chunk at a time (the deprecated {@code
   * getBytes} is exact for Latin-1 and a plain array copy) and scanned there, while the chunk
   * is in the CPU's cache, for what needs escaping or UTF-8; that goes char by char. Chunks
   * double while the text stays plain, so a string dense with escapes is not copied in vain.
   * Only a JIT-independent copy and {@link ByteScan}'s scan (word-wise, or SIMD with the Vector
   * API) are used: the JDK's vectorised string intrinsics only apply once the calling code
   * reaches C2, which a method called once per megabyte does not do in a benchmark's lifetime.
   */
  @SuppressWarnings("deprecation")
  private void bulkLatin1(String text) throws IOException {
    int length = text.length();
    int chunk = MIN_CHUNK_CHARS;
    int i = 0;
    while (i < length) {
      int n = Math.min(length - i, chunk);
      if (buffer.length - count < n) {
        drain();
        n = Math.min(n, buffer.length);
      }
      text.getBytes(i, i + n, buffer, count);
      int plain = ByteScan.endOfPlainString(buffer, count, count + n) - count;
      count += plain;
      i += plain;
      if (plain == n) {
        chunk = Math.min(2 * chunk, MAX_CHUNK_CHARS);
        continue;
      }
      // The character that stopped the run; after a short run, a stretch more (dense escapes).
      int to = plain < MIN_CHUNK_CHARS ? Math.min(length, i + MIN_CHUNK_CHARS) : i + 1;
      escaped(text, i, to);
      i = to;
      chunk = MIN_CHUNK_CHARS;
    }
  }

  /**
   * Tells a string held as Latin-1 bytes (every char at most U+00FF) without scanning it. The
   * JDK keeps that coder private, but {@code String.chars()} picks its spliterator's class by
   * it. Should the two classes ever be the same (compact strings turned off), every string
   * takes the char-by-char path: slower, never wrong. A holder, so that the stream classes
   * are loaded with the first long string, not at a worker's start-up.
   */
  static final class Coder {
    private static final Class<?> LATIN1 = "a".chars().spliterator().getClass();
    private static final boolean VISIBLE = LATIN1 != "\u0100".chars().spliterator().getClass();

    private Coder() {}

    static boolean isLatin1(String text) {
      return VISIBLE && text.chars().spliterator().getClass() == LATIN1;
    }
  }

  /**
   * The exact number of bytes {@link #escaped} and the bulk path write for the text, quotes
   * included: by the same table, so the count cannot drift from what goes on the wire.
   */
  static long stringBytes(String text) {
    long bytes = 2;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        byte escape = ESCAPES[c];
        bytes += escape == 0 ? 1 : escape == 'u' ? 6 : 2;
      } else if (c < 0x800) {
        bytes += 2;
      } else {
        bytes += Character.isSurrogate(c) ? 6 : 3;
      }
    }
    return bytes;
  }

  /** Writes {@code text[from, to)} character by character, escaping and encoding as needed. */
  private void escaped(String text, int from, int to) throws IOException {
    int i = from;
    while (i < to) {
      ensure(Math.min(to - i, 1024) * 6);
      int stop = Math.min(to, i + 1024);
      for (; i < stop; i++) {
        char c = text.charAt(i);
        if (c < 0x80) {
          byte escape = ESCAPES[c];
          if (escape == 0) {
            buffer[count++] = (byte) c;
          } else if (escape == 'u') {
            unicodeEscape(c);
          } else {
            buffer[count++] = '\\';
            buffer[count++] = escape;
          }
        } else if (c < 0x800) {
          buffer[count++] = (byte) (0xc0 | (c >> 6));
          buffer[count++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isSurrogate(c)) {
          unicodeEscape(c); // as Jackson's UTF-8 generator: each half escaped, pairs included
        } else {
          buffer[count++] = (byte) (0xe0 | (c >> 12));
          buffer[count++] = (byte) (0x80 | ((c >> 6) & 0x3f));
          buffer[count++] = (byte) (0x80 | (c & 0x3f));
        }
      }
    }
  }

  private void unicodeEscape(char c) {
    buffer[count++] = '\\';
    buffer[count++] = 'u';
    buffer[count++] = HEX[(c >> 12) & 0xf];
    buffer[count++] = HEX[(c >> 8) & 0xf];
    buffer[count++] = HEX[(c >> 4) & 0xf];
    buffer[count++] = HEX[c & 0xf];
  }

  private void ensure(int bytes) throws IOException {
    if (bytes > buffer.length - count) {
      drain();
    }
  }

  /** Hands the buffer to the stream, without flushing the stream. */
  void drain() throws IOException {
    if (count > 0) {
      out.write(buffer, 0, count);
      count = 0;
    }
  }

  void flush() throws IOException {
    drain();
    out.flush();
  }

  void close() throws IOException {
    try {
      drain();
    } finally {
      out.close();
    }
  }
}
