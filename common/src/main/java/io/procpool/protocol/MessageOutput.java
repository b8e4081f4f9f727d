package io.procpool.protocol;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where messages go: one JSON line each, encoded by a {@link Codec}. Buffered until
 * {@link #flush()}; not thread-safe, callers serialise access.
 */
public interface MessageOutput extends Closeable {
  /** Buffers one message and its terminating newline. */
  void write(Message message) throws IOException;

  /** Pushes everything buffered to the stream. */
  void flush() throws IOException;

  /** How a codec makes its output over a stream. */
  interface Factory {
    MessageOutput over(OutputStream out) throws IOException;
  }

  /** One message's exact wire text as a codec writes it, without the trailing newline. */
  static String wireText(Factory codec, Message message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MessageOutput writer = codec.over(bytes)) {
      writer.write(message);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory write failed", e);
    }
    String line = bytes.toString(StandardCharsets.UTF_8);
    return line.substring(0, line.length() - 1);
  }
}
