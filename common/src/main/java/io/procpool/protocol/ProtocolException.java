package io.procpool.protocol;

import java.nio.charset.StandardCharsets;

/** A line on the wire that is not a valid protocol message, or is longer than allowed. */
public final class ProtocolException extends java.io.IOException {
  private final String excerpt;

  public ProtocolException(String problem, byte[] line, int length) {
    this(problem, excerpt(line, length), null);
  }

  /** A problem with the line {@code bytes[offset, offset + length)}. */
  public ProtocolException(String problem, byte[] bytes, int offset, int length) {
    this(problem, excerpt(bytes, offset, length), null);
  }

  ProtocolException(String problem, String excerpt, Throwable cause) {
    super(problem + (excerpt.isEmpty() ? "" : ": " + excerpt), cause);
    this.excerpt = excerpt;
  }

  /** The start of the offending line, quoted for humans (control bytes escaped). */
  public String excerpt() {
    return excerpt;
  }

  static String excerpt(byte[] line, int length) {
    return excerpt(line, 0, length);
  }

  static String excerpt(byte[] bytes, int offset, int length) {
    int shown = Math.min(length, Protocol.EXCERPT_CHARS);
    String text = new String(bytes, offset, shown, StandardCharsets.UTF_8);
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        quoted.append(String.format("\\x%02x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    quoted.append('"');
    if (length > shown) {
      quoted.append("... (").append(length).append(" bytes)");
    }
    return quoted.toString();
  }
}
