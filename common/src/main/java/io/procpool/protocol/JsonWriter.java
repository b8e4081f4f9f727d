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
 * {@link #flush()}, when the buffer fills, and directly for a long string, which is never
 * copied into the buffer. Output is byte for byte what Jackson's UTF-8 generator writes for
 * the same values (same escapes, surrogates as {@code \\uXXXX}, non-finite doubles as strings),
 * so the wire format does not depend on which one wrote it. Not thread-safe.
 */
final class JsonWriter {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.ISO_8859_1);
  /** Strings at least this long are written straight from their bytes when they need no escapes. */
  private static final int DIRECT_STRING_CHARS = 512;
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

  void number(long value) throws IOException {
    ensure(20);
    if (value == Long.MIN_VALUE) {
      raw("-9223372036854775808".getBytes(StandardCharsets.ISO_8859_1));
      return;
    }
    if (value < 0) {
      buffer[count++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    int at = count + digits;
    do {
      buffer[--at] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
    count += digits;
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
    int from = 0;
    if (text.length() >= DIRECT_STRING_CHARS) {
      from = verbatimPrefix(text);
    }
    escaped(text, from);
    raw('"');
  }

  /**
   * Writes the longest prefix of a long string that needs no escaping straight from its
   * ISO-8859-1 bytes (a copy for the usual all-ASCII string), and returns its length.
   */
  private int verbatimPrefix(String text) throws IOException {
    byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
    int verbatim = 0;
    while (true) {
      int stop = ByteScan.endOfVerbatim(latin1, verbatim, latin1.length);
      // '?' also stands for an unmappable character: only a real '?' may be copied.
      if (stop < latin1.length && latin1[stop] == '?' && text.charAt(stop) == '?') {
        verbatim = stop + 1;
        continue;
      }
      verbatim = stop;
      break;
    }
    if (verbatim > buffer.length - count) {
      drain();
      out.write(latin1, 0, verbatim);
    } else {
      System.arraycopy(latin1, 0, buffer, count, verbatim);
      count += verbatim;
    }
    return verbatim;
  }

  /** Writes {@code text[from...]} character by character, escaping and encoding as needed. */
  private void escaped(String text, int from) throws IOException {
    int length = text.length();
    int i = from;
    while (i < length) {
      ensure(Math.min(length - i, 1024) * 6);
      int stop = Math.min(length, i + 1024);
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
