package io.procpool.fn;

/**
 * Reads the canonical JSON that {@link PlainShape} and the strict mapper write (compact, no
 * whitespace), one token at a time. Anything else makes a read answer
 * {@link PlainShape#NOT_PLAIN}, leaving jackson-databind to read the text or refuse it.
 */
final class JsonCursor {
  private final String text;
  private int position;

  JsonCursor(String text) {
    this.text = text;
  }

  boolean atEnd() {
    return position == text.length();
  }

  /** Consumes {@code c} if it comes next. */
  boolean take(char c) {
    if (position < text.length() && text.charAt(position) == c) {
      position++;
      return true;
    }
    return false;
  }

  /** Consumes the literal (a key with its quotes and colon, {@code null}, ...) if it comes next. */
  boolean take(String literal) {
    if (text.startsWith(literal, position)) {
      position += literal.length();
      return true;
    }
    return false;
  }

  /** A JSON integer without fraction or exponent that fits a long, or NOT_PLAIN. */
  Object readLong() {
    int start = position;
    int end = integerEnd(start);
    if (end < 0) {
      return PlainShape.NOT_PLAIN;
    }
    boolean negative = text.charAt(start) == '-';
    // Accumulated negatively, as Long.parseLong does, so that Long.MIN_VALUE fits.
    long value = 0;
    for (int i = negative ? start + 1 : start; i < end; i++) {
      int digit = text.charAt(i) - '0';
      if (value < (Long.MIN_VALUE + digit) / 10) {
        return PlainShape.NOT_PLAIN; // out of range: the mapper says so in its own words
      }
      value = value * 10 - digit;
    }
    if (!negative && value == Long.MIN_VALUE) {
      return PlainShape.NOT_PLAIN;
    }
    position = end;
    return negative ? value : -value;
  }

  /** The character at the cursor, or 0 at the end. */
  char peek() {
    return position < text.length() ? text.charAt(position) : 0;
  }

  /** Appends a Long, Integer or Boolean without making a String of it first. */
  static void writeScalar(Object value, StringBuilder out) {
    if (value instanceof Integer number) {
      out.append(number.intValue());
    } else if (value instanceof Long number) {
      out.append(number.longValue());
    } else {
      out.append(value);
    }
  }

  /** A JSON number with a fraction or an exponent, as a double, or NOT_PLAIN. */
  Object readDouble() {
    int start = position;
    int i = digitsAfterSign(start);
    if (i < 0) {
      return PlainShape.NOT_PLAIN;
    }
    boolean fraction = i < text.length() && text.charAt(i) == '.';
    if (fraction && (i = digits(i + 1)) < 0) {
      return PlainShape.NOT_PLAIN;
    }
    boolean exponent = i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E');
    if (exponent) {
      i++;
      if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      if ((i = digits(i)) < 0) {
        return PlainShape.NOT_PLAIN;
      }
    }
    if (!fraction && !exponent) {
      return PlainShape.NOT_PLAIN; // an integer where a double is declared: the mapper decides
    }
    position = i;
    return Double.parseDouble(text.substring(start, i));
  }

  /** Whether a number follows that has a fraction or an exponent (else it is an integer). */
  boolean floatingNumberNext() {
    int i = digitsAfterSign(position);
    return i >= 0 && i < text.length() && (text.charAt(i) == '.' || text.charAt(i) == 'e' || text.charAt(i) == 'E');
  }

  /** A JSON string, escapes decoded, or NOT_PLAIN. */
  Object readString() {
    if (!take('"')) {
      return PlainShape.NOT_PLAIN;
    }
    int start = position;
    StringBuilder unescaped = null;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        position = i + 1;
        return unescaped == null ? text.substring(start, i) : unescaped.append(text, start, i).toString();
      }
      if (c < 0x20) {
        return PlainShape.NOT_PLAIN;
      }
      if (c == '\\') {
        if (unescaped == null) {
          unescaped = new StringBuilder();
        }
        unescaped.append(text, start, i);
        int escaped = unescape(i + 1, unescaped);
        if (escaped < 0) {
          return PlainShape.NOT_PLAIN;
        }
        i = escaped - 1;
        start = escaped;
      }
    }
    return PlainShape.NOT_PLAIN;
  }

  /** Appends what the escape at {@code i} (after the backslash) stands for; where it ends, or -1. */
  private int unescape(int i, StringBuilder out) {
    if (i >= text.length()) {
      return -1;
    }
    char c = text.charAt(i);
    switch (c) {
      case '"', '\\', '/' -> out.append(c);
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'u' -> {
        if (i + 5 > text.length()) {
          return -1;
        }
        int code = 0;
        for (int k = i + 1; k < i + 5; k++) {
          int digit = Character.digit(text.charAt(k), 16);
          if (digit < 0) {
            return -1;
          }
          code = code * 16 + digit;
        }
        out.append((char) code);
        return i + 5;
      }
      default -> {
        return -1;
      }
    }
    return i + 1;
  }

  /**
   * Skips one JSON value of any kind (for a captured value handed whole to its slot); false
   * when the text does not hold one here.
   */
  boolean skipValue() {
    int depth = 0;
    do {
      if (position >= text.length()) {
        return false;
      }
      char c = text.charAt(position);
      if (c == '"') {
        if (readString() == PlainShape.NOT_PLAIN) {
          return false;
        }
      } else if (c == '[' || c == '{') {
        depth++;
        position++;
      } else if (c == ']' || c == '}') {
        if (--depth < 0) {
          return false;
        }
        position++;
      } else if (c == ',' || c == ':') {
        if (depth == 0) {
          return false;
        }
        position++;
      } else {
        int start = position;
        while (position < text.length() && ",:]}\"[{".indexOf(text.charAt(position)) < 0) {
          position++;
        }
        if (position == start) {
          return false;
        }
      }
    } while (depth > 0);
    return true;
  }

  /** The current position, and the text from one position to another. */
  int position() {
    return position;
  }

  /** Goes back (or on) to a position, to read the same text another way. */
  void position(int to) {
    position = to;
  }

  String text(int from, int to) {
    return text.substring(from, to);
  }

  /** Appends a string as JSON: quotes, backslash and control characters escaped as the mapper does. */
  static void writeString(String value, StringBuilder out) {
    out.append('"');
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        out.append(value, start, i).append('\\');
        switch (c) {
          case '"', '\\' -> out.append(c);
          case '\n' -> out.append('n');
          case '\r' -> out.append('r');
          case '\t' -> out.append('t');
          case '\b' -> out.append('b');
          case '\f' -> out.append('f');
          default -> out.append("u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
        }
        start = i + 1;
      }
    }
    out.append(value, start, value.length()).append('"');
  }

  /** Where an optional minus and JSON's integer digits (no leading zero) end, or -1. */
  private int digitsAfterSign(int start) {
    int i = start < text.length() && text.charAt(start) == '-' ? start + 1 : start;
    if (i < text.length() && text.charAt(i) == '0') {
      return i + 1 < text.length() && text.charAt(i + 1) >= '0' && text.charAt(i + 1) <= '9' ? -1 : i + 1;
    }
    return digits(i);
  }

  /** The end of a non-empty run of ASCII digits from {@code i}, or -1. */
  private int digits(int i) {
    int start = i;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i == start ? -1 : i;
  }

  /** The end of an integer that no fraction or exponent follows, or -1. */
  private int integerEnd(int start) {
    int end = digitsAfterSign(start);
    if (end < 0 || end < text.length() && ".eE".indexOf(text.charAt(end)) >= 0) {
      return -1;
    }
    return end;
  }
}
