package io.procpool.protocol;

import java.io.IOException;

/** Where messages come from: one JSON line each, decoded by a {@link Codec}. */
public interface MessageInput {
  /**
   * Reads the next message.
   *
   * @return the message, or null at end of stream
   * @throws ProtocolException for a line that is too long or not a valid message; the input
   *     stays usable and the next call reads the following line
   * @throws IOException when the stream itself fails
   */
  Message read() throws IOException;

  /** Whether another whole line is already buffered, so that {@link #read()} will not block. */
  boolean hasBuffered();
}
