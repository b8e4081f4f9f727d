package io.procpool.report;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * JSON tokens written as bytes straight from primitive fields into one buffer: no generator
 * context, no pretty-printer call per token, no object per number. A cold coordinator runs
 * this code a million times before the JIT has compiled much of it, so it is kept short.
 * Text is escaped as Jackson escapes it; values other than strings, whole numbers and booleans
 * go through data binding, compact.
 */
final class JsonBytes {
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");

  private final OutputStream out;
  private final byte[] buffer = new byte[1 << 16];
  private int at;

  JsonBytes(OutputStream out) {
    this.out = out;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  void raw(byte[] bytes) throws IOException {
    if (bytes.length > buffer.length - at) {
      flush();
      if (bytes.length > buffer.length) {
        out.write(bytes);
        return;
      }
    }
    System.arraycopy(bytes, 0, buffer, at, bytes.length);
    at += bytes.length;
  }

  /** Text known to be plain ASCII: names and punctuation. */
  void raw(String ascii) throws IOException {
    raw(ascii(ascii));
  }

  void raw(char ascii) throws IOException {
    room(1);
    buffer[at++] = (byte) ascii;
  }

  void number(long value) throws IOException {
    room(20);
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        raw(ascii(Long.toString(value)));
        return;
      }
      buffer[at++] = '-';
      value = -value;
    }
    int end = at + digits(value);
    for (int i = end - 1; i >= at; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    at = end;
  }

  /**
   * A time rounded to hundredths of a millisecond, as {@code 415.17} or {@code 415.1}: exact in
   * two decimals and several times cheaper than a general double-to-text conversion.
   */
  void hundredths(double millis) throws IOException {
    long hundredths = Math.round(millis * 100);
    if (hundredths < 0) {
      raw('-');
    }
    long magnitude = Math.abs(hundredths);
    number(magnitude / 100);
    long fraction = magnitude % 100;
    room(3);
    buffer[at++] = '.';
    buffer[at++] = (byte) ('0' + fraction / 10);
    if (fraction % 10 != 0) {
      buffer[at++] = (byte) ('0' + fraction % 10);
    }
  }

  /** Any double, as Jackson's fast writer gives it (summary fields only). */
  void decimal(double value) throws IOException {
    raw(ascii(NumberOutput.toString(value, true)));
  }

  /** A quoted string; plain ASCII is copied, anything else escaped as Jackson escapes it. */
  void string(String text) throws IOException {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        raw('"');
        raw(JsonStringEncoder.getInstance().quoteAsUTF8(text));
        raw('"');
        return;
      }
    }
    if (length + 2 > buffer.length) {
      raw('"');
      raw(ascii(text));
      raw('"');
      return;
    }
    room(length + 2);
    buffer[at++] = '"';
    for (int i = 0; i < length; i++) {
      buffer[at++] = (byte) text.charAt(i);
    }
    buffer[at++] = '"';
  }

  /** A task's value: the common kinds directly, anything else (lists, maps) through data binding. */
  void value(Object value) throws IOException {
    if (value instanceof String text) {
      string(text);
    } else if (value instanceof Long number) {
      number(number);
    } else if (value instanceof Integer number) {
      number(number);
    } else if (value instanceof Boolean bool) {
      raw(bool ? TRUE : FALSE);
    } else {
      raw(Compact.WRITER.writeValueAsBytes(value));
    }
  }

  void flush() throws IOException {
    out.write(buffer, 0, at);
    at = 0;
  }

  private void room(int bytes) throws IOException {
    if (bytes > buffer.length - at) {
      flush();
    }
  }

  /** Made on first use: an ObjectMapper costs a cold run of noop tasks a tenth of a second. */
  private static final class Compact {
    static final ObjectWriter WRITER = Json.MAPPER.writer()
        .without(SerializationFeature.INDENT_OUTPUT)
        .with(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
  }

  /** Decimal digits of a non-negative number. */
  private static int digits(long value) {
    int digits = 1;
    for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
      digits++;
    }
    return digits;
  }
}
