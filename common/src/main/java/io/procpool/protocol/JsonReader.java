package io.procpool.protocol;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON (RFC 8259) from a byte range into plain Java values: null, Boolean, Long (every
 * integer that fits), BigInteger, Double, String, List and Map. One instance is reset per line
 * and reused, so reading a message allocates only the values themselves.
 *
 * <p>Strict where it matters for a protocol: invalid UTF-8, bad escapes, leading zeros,
 * {@code NaN} and nesting deeper than {@link #MAX_DEPTH} are errors. Not thread-safe.
 */
final class JsonReader {
  /** As Jackson's default: deep enough for any real payload, shallow enough for the stack. */
  static final int MAX_DEPTH = 1000;
  /** Longer number literals are refused: parsing huge BigIntegers is quadratic. */
  static final int MAX_NUMBER_CHARS = 1000;

  private byte[] bytes;
  private int from;
  private int pos;
  private int end;
  private int depth;
  private char[] chars = new char[256];
  private CharsetDecoder utf8;
  /** Stretches known to be plain string content, as {@link LineReader#runs()} gives them. */
  private int[] runs;
  private int runCount;
  /** The first of {@link #runs} that may still lie ahead. */
  private int nextRun;

  /** Starts reading {@code bytes[from, to)}. */
  JsonReader reset(byte[] bytes, int from, int to) {
    return reset(bytes, from, to, null, 0);
  }

  /**
   * Starts reading {@code bytes[from, to)}, of which the {@code runCount} ranges {@code
   * [runs[2k], runs[2k + 1])} are known to be plain string content and need not be scanned.
   */
  JsonReader reset(byte[] bytes, int from, int to, int[] runs, int runCount) {
    this.bytes = bytes;
    this.from = from;
    this.pos = from;
    this.end = to;
    this.depth = 0;
    this.runs = runs;
    this.runCount = runCount;
    this.nextRun = 0;
    return this;
  }

  /** The next significant byte, after whitespace, without consuming it; -1 at the end. */
  int peek() {
    skipWhitespace();
    return pos < end ? bytes[pos] & 0xff : -1;
  }

  /** Consumes the next significant byte, which must be {@code expected}. */
  void expect(char expected) throws JsonException {
    if (peek() != expected) {
      throw error("expected '" + expected + "' but found " + describeNext());
    }
    pos++;
  }

  /** Consumes {@code c} if it is the next significant byte. */
  boolean consume(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** True when only whitespace is left. */
  boolean atEnd() {
    return peek() == -1;
  }

  /**
   * Reads an object's next member name and its colon, or returns null at the object's end
   * (consuming the {@code '}'}). Call after {@link #beginObject()}.
   */
  String nextName(boolean first) throws JsonException {
    if (atObjectEnd(first)) {
      return null;
    }
    String name = string();
    expect(':');
    return name;
  }

  /** {@link #nextName(boolean, byte[][])} at the object's end. */
  static final int END_OF_OBJECT = -2;
  /** {@link #nextName(boolean, byte[][])} for a name that is none of the known ones. */
  static final int OTHER_NAME = -1;

  /**
   * As {@link #nextName(boolean)}, for an object whose member names the caller knows: returns
   * the index of the name in {@code known} (ASCII names), {@link #OTHER_NAME} or
   * {@link #END_OF_OBJECT}. A plain name is matched where it lies, with no String made: a
   * {@code done} of a thousand outcomes has three thousand names.
   */
  int nextName(boolean first, byte[][] known) throws JsonException {
    if (atObjectEnd(first)) {
      return END_OF_OBJECT;
    }
    int start = pos + 1;
    int index = knownAt(known, start);
    if (index != OTHER_NAME) {
      pos = start + known[index].length + 1;
    } else {
      index = indexOf(known, string()); // another name, or one with escapes: compare it decoded
    }
    expect(':');
    return index;
  }

  /**
   * Consumes the {@code '}'} that ends an object and returns true, or else the comma before the
   * next member (none before the first) and returns false, its name's opening quote next.
   */
  private boolean atObjectEnd(boolean first) throws JsonException {
    if (consume('}')) {
      leave();
      return true;
    }
    if (!first) {
      expect(',');
    }
    if (peek() != '"') {
      throw error("expected a member name but found " + describeNext());
    }
    return false;
  }

  /** The known name whose bytes and closing quote lie at {@code start}, or {@link #OTHER_NAME}. */
  private int knownAt(byte[][] known, int start) {
    for (int k = 0; k < known.length; k++) {
      int stop = start + known[k].length;
      if (stop < end && bytes[stop] == '"' && Arrays.equals(known[k], 0, known[k].length, bytes, start, stop)) {
        return k;
      }
    }
    return OTHER_NAME;
  }

  private static int indexOf(byte[][] known, String name) {
    for (int k = 0; k < known.length; k++) {
      if (name.equals(new String(known[k], StandardCharsets.ISO_8859_1))) {
        return k;
      }
    }
    return OTHER_NAME;
  }

  /** Consumes {@code '{'}. */
  void beginObject() throws JsonException {
    expect('{');
    enter();
  }

  /** Consumes {@code '['}. */
  void beginArray() throws JsonException {
    expect('[');
    enter();
  }

  /** True if the array has another element (consuming the comma), false at its end (consuming the {@code ']'}). */
  boolean nextElement(boolean first) throws JsonException {
    if (consume(']')) {
      leave();
      return false;
    }
    if (!first) {
      expect(',');
    }
    return true;
  }

  /** Reads any value. */
  Object value() throws JsonException {
    int next = peek();
    switch (next) {
      case '"':
        return string();
      case '{': {
        beginObject();
        Map<String, Object> map = new LinkedHashMap<>();
        String name = nextName(true);
        while (name != null) {
          map.put(name, value());
          name = nextName(false);
        }
        return map;
      }
      case '[': {
        beginArray();
        List<Object> list = new ArrayList<>();
        boolean first = true;
        while (nextElement(first)) {
          list.add(value());
          first = false;
        }
        return list;
      }
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (next == '-' || (next >= '0' && next <= '9')) {
          return number();
        }
        throw error("expected a JSON value but found " + describeNext());
    }
  }

  /** Reads a string value; the next significant byte must be its opening quote. */
  String string() throws JsonException {
    expect('"');
    int start = pos;
    int stop = endOfPlain(start);
    if (stop < end && bytes[stop] == '"') {
      pos = stop + 1;
      // Plain ASCII: ISO-8859-1 maps each byte to its char and is a straight copy.
      return new String(bytes, start, stop - start, StandardCharsets.ISO_8859_1);
    }
    return escapedString(start, stop);
  }

  /** The general case: escapes, UTF-8, or an error. {@code [start, plainEnd)} is plain ASCII. */
  private String escapedString(int start, int plainEnd) throws JsonException {
    int length = 0;
    int i = start;
    int stop = plainEnd;
    while (true) {
      ensureChars(length + (stop - i));
      for (int k = i; k < stop; k++) {
        chars[length++] = (char) bytes[k];
      }
      i = stop;
      if (i >= end) {
        pos = end;
        throw error("unterminated string");
      }
      int b = bytes[i];
      if (b == '"') {
        pos = i + 1;
        return new String(chars, 0, length);
      }
      if (b == '\\') {
        ensureChars(length + 1);
        chars[length++] = escape(i + 1);
        i += bytes[i + 1] == 'u' ? 6 : 2;
      } else if (b >= 0) {
        pos = i;
        throw error("control character 0x" + Integer.toHexString(b) + " must be escaped in a string");
      } else {
        int multiByteEnd = i;
        while (multiByteEnd < end && bytes[multiByteEnd] < 0) {
          multiByteEnd++;
        }
        length = decodeUtf8(i, multiByteEnd, length);
        i = multiByteEnd;
      }
      stop = endOfPlain(i);
    }
  }

  /** As {@link ByteScan#endOfPlainString} from {@code i} to the end, jumping over the known runs. */
  private int endOfPlain(int i) {
    for (; nextRun < runCount; nextRun++) {
      int runStart = runs[2 * nextRun];
      int runEnd = runs[2 * nextRun + 1];
      if (runEnd <= i) {
        continue;
      }
      if (runStart > i) {
        int stop = ByteScan.endOfPlainString(bytes, i, runStart);
        if (stop < runStart) {
          return stop;
        }
      }
      i = runEnd;
    }
    return ByteScan.endOfPlainString(bytes, i, end);
  }

  /** The character an escape stands for; {@code i} is just after the backslash. */
  private char escape(int i) throws JsonException {
    if (i >= end) {
      pos = end;
      throw error("unterminated escape");
    }
    switch (bytes[i]) {
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u': {
        if (i + 4 >= end) {
          pos = i;
          throw error("incomplete \\u escape");
        }
        int value = 0;
        for (int k = 1; k <= 4; k++) {
          int digit = Character.digit(bytes[i + k], 16);
          if (digit < 0) {
            pos = i;
            throw error("invalid \\u escape");
          }
          value = value * 16 + digit;
        }
        return (char) value; // a lone surrogate is kept, as Jackson does
      }
      default:
        pos = i;
        throw error("invalid escape \\" + (char) (bytes[i] & 0xff));
    }
  }

  /** Decodes the non-ASCII bytes {@code [i, stop)} strictly into {@code chars[length...]}; returns the new length. */
  private int decodeUtf8(int i, int stop, int length) throws JsonException {
    if (utf8 == null) {
      utf8 = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
    try {
      CharBuffer decoded = utf8.reset().decode(ByteBuffer.wrap(bytes, i, stop - i));
      int count = decoded.remaining();
      ensureChars(length + count);
      decoded.get(chars, length, count);
      return length + count;
    } catch (CharacterCodingException e) {
      pos = i;
      throw error("invalid UTF-8 in a string");
    }
  }

  private void ensureChars(int needed) {
    if (needed > chars.length) {
      chars = java.util.Arrays.copyOf(chars, Math.max(needed, chars.length * 2));
    }
  }

  /** {@link #smallInteger()} for a number it leaves to {@link #number()}; no 18-digit integer is this. */
  static final long NOT_SMALL = Long.MIN_VALUE;

  /**
   * Reads an integer of at most 18 digits, the protocol's every integer field, as a primitive:
   * no boxing. Anything else (a fraction, an exponent, more digits, no number at all) is left
   * unread and answered {@link #NOT_SMALL}, for {@link #number()} to read or refuse.
   */
  long smallInteger() {
    skipWhitespace();
    int i = pos;
    boolean negative = i < end && bytes[i] == '-';
    if (negative) {
      i++;
    }
    int digitsStart = i;
    long value = 0;
    while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
      value = value * 10 + (bytes[i] - '0');
      i++;
    }
    int digits = i - digitsStart;
    boolean leadingZero = digits > 1 && bytes[digitsStart] == '0';
    boolean moreToTheNumber = i < end && (bytes[i] == '.' || bytes[i] == 'e' || bytes[i] == 'E');
    if (digits == 0 || digits > 18 || leadingZero || moreToTheNumber) {
      return NOT_SMALL;
    }
    pos = i;
    return negative ? -value : value;
  }

  /** Reads a number: Long when it is an integer that fits, else BigInteger; Double with a fraction or exponent. */
  Number number() throws JsonException {
    skipWhitespace();
    int start = pos;
    int i = pos;
    boolean negative = i < end && bytes[i] == '-';
    if (negative) {
      i++;
    }
    int digitsStart = i;
    if (i < end && bytes[i] == '0') {
      i++;
    } else {
      while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
        i++;
      }
    }
    int intDigits = i - digitsStart;
    if (intDigits == 0) {
      pos = start;
      throw error("invalid number");
    }
    boolean integral = true;
    if (i < end && bytes[i] == '.') {
      integral = false;
      int fraction = ++i;
      while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
        i++;
      }
      if (i == fraction) {
        pos = start;
        throw error("invalid number: no digits after the decimal point");
      }
    }
    if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
      integral = false;
      i++;
      if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
        i++;
      }
      int exponent = i;
      while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
        i++;
      }
      if (i == exponent) {
        pos = start;
        throw error("invalid number: no digits in the exponent");
      }
    }
    if (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
      pos = start;
      throw error("invalid number: leading zero");
    }
    if (i - start > MAX_NUMBER_CHARS) {
      pos = start;
      throw error("number longer than " + MAX_NUMBER_CHARS + " characters");
    }
    pos = i;
    if (integral && intDigits <= 18) {
      long value = 0;
      for (int k = digitsStart; k < i; k++) {
        value = value * 10 + (bytes[k] - '0');
      }
      return negative ? -value : value;
    }
    String text = new String(bytes, start, i - start, StandardCharsets.ISO_8859_1);
    if (integral) {
      BigInteger big = new BigInteger(text);
      return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }
    return Double.parseDouble(text);
  }

  private void literal(String word) throws JsonException {
    skipWhitespace();
    int length = word.length();
    boolean matches = pos + length <= end;
    for (int k = 0; matches && k < length; k++) {
      matches = bytes[pos + k] == word.charAt(k);
    }
    if (!matches) {
      throw error("expected a JSON value but found " + describeNext());
    }
    pos += length;
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte b = bytes[pos];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return;
      }
      pos++;
    }
  }

  private void enter() throws JsonException {
    if (++depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
  }

  private void leave() {
    depth--;
  }

  private String describeNext() {
    if (pos >= end) {
      return "end of input";
    }
    int b = bytes[pos] & 0xff;
    return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : "byte 0x" + Integer.toHexString(b);
  }

  JsonException error(String problem) {
    return new JsonException(problem + " at byte " + (pos - from));
  }

  /** A JSON syntax error, with where it was found. */
  static final class JsonException extends Exception {
    JsonException(String message) {
      super(message, null, false, false); // no stack trace: bad input is not a bug here
    }
  }
}
