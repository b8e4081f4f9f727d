package io.procpool.protocol;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where messages go: one JSON line each, encoded by a {@link Codec}. Buffered until
 * {@link #flush()}; not thread-safe, callers serialise access.
 */
public interface MessageOutput extends Closeable {
  /** Buffers one message and its terminating newline. */
  void write(Message message) throws IOException;

  /** Pushes everything buffered to the stream. */
  void flush() throws IOException;
}
