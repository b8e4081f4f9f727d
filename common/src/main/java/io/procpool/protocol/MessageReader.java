package io.procpool.protocol;

import io.procpool.protocol.JsonReader.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads JSON-line messages. A line that is not a valid message throws a
 * {@link ProtocolException} quoting it; the reader stays usable and the next call reads the
 * following line. Fields are accepted in any order; unknown fields are ignored.
 *
 * <p>Each line is parsed in place, in the buffer the stream was read into, by one reused
 * {@link JsonReader}. Not thread-safe: one reader thread owns it.
 */
public final class MessageReader implements MessageInput {
  private final LineReader lines;
  private final JsonReader json = new JsonReader();

  public MessageReader(InputStream in) {
    this(in, Protocol.DEFAULT_MAX_LINE_BYTES);
  }

  public MessageReader(InputStream in, int maxLineBytes) {
    this(in, maxLineBytes, 0);
  }

  /**
   * @param pollNanos how long to poll for more input before blocking in a read: a thread
   *     blocked in a read is woken through the scheduler, which is slow on an idle virtual CPU
   */
  public MessageReader(InputStream in, int maxLineBytes, long pollNanos) {
    this.lines = new LineReader(in, maxLineBytes, pollNanos);
  }

  /** Decodes one line of wire text (without its newline). */
  public static Message decode(String line) throws ProtocolException {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return parse(new JsonReader().reset(bytes, 0, bytes.length), bytes, 0, bytes.length);
  }

  /**
   * Reads the next message.
   *
   * @return the message, or null at end of stream
   * @throws ProtocolException for a line that is too long or not a valid message
   * @throws IOException when the stream itself fails
   */
  @Override
  public Message read() throws IOException {
    while (lines.next()) {
      if (lines.length() == 0) {
        continue; // blank lines carry nothing; tolerate them
      }
      json.reset(lines.line(), lines.offset(), lines.offset() + lines.length(), lines.runs(), lines.runCount());
      return parse(json, lines.line(), lines.offset(), lines.length());
    }
    return null;
  }

  /**
   * Whether another whole line is already buffered, so that {@link #read()} will not block: a
   * reader that handles a burst of messages can act once at the end of it.
   */
  @Override
  public boolean hasBuffered() {
    return lines.hasBufferedLine();
  }

  /** Parses the line {@code json} has been {@link JsonReader#reset reset} to. */
  private static Message parse(JsonReader json, byte[] line, int offset, int length) throws ProtocolException {
    try {
      if (json.peek() != '{') {
        throw new ProtocolException("not a JSON object", line, offset, length);
      }
      json.beginObject();
      Fields fields = new Fields();
      int field = json.nextName(true, FieldReader.NAMES);
      while (field != JsonReader.END_OF_OBJECT) {
        if (field == JsonReader.OTHER_NAME) {
          json.value(); // unknown: skipped, but it must still be JSON
        } else {
          FieldReader.ALL[field].read(fields, json);
        }
        field = json.nextName(false, FieldReader.NAMES);
      }
      if (!json.atEnd()) {
        throw new ProtocolException("trailing data after the JSON object", line, offset, length);
      }
      return fields.build(line, offset, length);
    } catch (JsonException | IllegalArgumentException | ClassCastException e) {
      throw new ProtocolException("invalid message (" + e.getMessage() + ")",
          ProtocolException.excerpt(line, offset, length), e);
    }
  }

  /** The fields as this codec reads them, one {@link FieldReader} per known name. */
  private static final class Fields extends MessageFields {}
}
