package io.procpool.calls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a UTF-8 input, ended as {@link java.io.BufferedReader#readLine} ends them (LF, CR
 * or CR LF), each decoded on its own so that bytes that are not UTF-8 are named by their line
 * (a reader decoding a buffer at a time fails before the line is known) and never replaced.
 */
final class Utf8Lines {
  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private int number;
  private boolean afterCarriageReturn;

  Utf8Lines(InputStream in) {
    this.in = in;
  }

  /** The number of the line {@link #next} returned last or is reading (1-based). */
  int number() {
    return number;
  }

  /**
   * The next line without its end, or null at the end of the input.
   *
   * @throws CharacterCodingException when the line is not UTF-8 text; {@link #number} names it
   */
  String next() throws IOException {
    line.reset();
    number++;
    for (int b = read(); ; b = read()) {
      if (b == '\n' && afterCarriageReturn) {
        afterCarriageReturn = false;
        continue; // the second half of a CR LF
      }
      afterCarriageReturn = b == '\r';
      if (b == -1 && line.size() == 0) {
        return null;
      }
      if (b == -1 || b == '\n' || b == '\r') {
        return decoder.reset().decode(ByteBuffer.wrap(line.toByteArray())).toString();
      }
      line.write(b);
    }
  }

  private int read() throws IOException {
    if (position == limit) {
      limit = in.read(buffer);
      position = 0;
      if (limit <= 0) {
        limit = 0;
        return -1;
      }
    }
    return buffer[position++] & 0xff;
  }
}
