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
      String name = json.nextName(true);
      while (name != null) {
        fields.read(name, json);
        name = json.nextName(false);
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

  /** The fields as this codec reads them; {@link MessageFields} makes the message. */
  private static final class Fields extends MessageFields {
    void read(String name, JsonReader json) throws JsonException {
      switch (name) {
        case "type" -> type = text(json, name);
        case "id" -> id = integer(json, name);
        case "protocol" -> protocol = int32(json, name);
        case "pid" -> pid = integer(json, name);
        case "runtime" -> runtime = text(json, name);
        case "inFlight" -> inFlight = int32(json, name);
        case "initMicros" -> initMicros = integer(json, name);
        case "readyAt" -> readyAt = integer(json, name);
        case "offLine" -> offLine = Boolean.TRUE.equals(json.value());
        case "task" -> task = text(json, name);
        case "args" -> args = array(json, name);
        case "thread" -> thread = text(json, name);
        case "results" -> results = outcomes(json);
        case "columns" -> columns = Boolean.TRUE.equals(json.value());
        case "startedAt" -> startedAt = integer(json, name);
        case "values" -> values = array(json, name);
        case "starts" -> starts = integers(json, name, values);
        case "micros" -> micros = integers(json, name, values);
        case "message" -> message = text(json, name);
        case "line" -> lineText = text(json, name);
        default -> json.value(); // unknown: skipped, but it must still be JSON
      }
    }

    /** A string field: a string, or null for JSON null; anything else is refused by name. */
    private static String text(JsonReader json, String field) throws JsonException {
      Object value = json.value();
      if (value == null || value instanceof String) {
        return (String) value;
      }
      throw new IllegalArgumentException("\"" + field + "\" must be a string");
    }

    /** An integer field that must fit Java's int (its record component is one). */
    private static long int32(JsonReader json, String field) throws JsonException {
      long value = integer(json, field);
      if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("\"" + field + "\" must be an integer from "
            + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
      }
      return value;
    }

    private static long integer(JsonReader json, String field) throws JsonException {
      int next = json.peek();
      if (next != '-' && (next < '0' || next > '9')) {
        throw new IllegalArgumentException("\"" + field + "\" must be an integer");
      }
      long small = json.smallInteger();
      if (small != JsonReader.NOT_SMALL) {
        return small;
      }
      Number number = json.number();
      if (number instanceof Long value) {
        return value;
      }
      throw new IllegalArgumentException("\"" + field + "\" must be an integer"
          + (number instanceof Double ? "" : " that fits in 64 bits"));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(JsonReader json, String field) throws JsonException {
      if (json.peek() != '[') {
        throw new IllegalArgumentException("\"" + field + "\" must be an array");
      }
      return (List<Object>) json.value();
    }

    /**
     * An array of integers, unboxed, in an array of the values' length when they came first (as
     * writers send them): a column of a thousand then costs one allocation, not six.
     */
    private static long[] integers(JsonReader json, String field, List<Object> values) throws JsonException {
      if (json.peek() != '[') {
        throw new IllegalArgumentException("\"" + field + "\" must be an array");
      }
      json.beginArray();
      long[] numbers = new long[values == null || values.isEmpty() ? 64 : values.size()];
      int count = 0;
      boolean first = true;
      while (json.nextElement(first)) {
        first = false;
        if (count == numbers.length) {
          numbers = Arrays.copyOf(numbers, 2 * count);
        }
        numbers[count++] = integer(json, field);
      }
      return count == numbers.length ? numbers : Arrays.copyOf(numbers, count);
    }

    private static List<Outcome> outcomes(JsonReader json) throws JsonException {
      if (json.peek() != '[') {
        throw new IllegalArgumentException("\"results\" must be an array");
      }
      json.beginArray();
      List<Outcome> outcomes = new ArrayList<>();
      boolean first = true;
      while (json.nextElement(first)) {
        first = false;
        if (json.peek() != '{') {
          throw new IllegalArgumentException("each result must be an object");
        }
        outcomes.add(outcome(json));
      }
      return outcomes;
    }

    private static final byte[][] OUTCOME_FIELDS = {
        ascii("value"), ascii("error"), ascii("startedAt"), ascii("micros")};

    private static Outcome outcome(JsonReader json) throws JsonException {
      Object value = null;
      RemoteError error = null;
      long startedAt = 0;
      long micros = 0;
      json.beginObject();
      int field = json.nextName(true, OUTCOME_FIELDS);
      while (field != JsonReader.END_OF_OBJECT) {
        switch (field) {
          case 0 -> value = json.value();
          case 1 -> error = error(json);
          case 2 -> startedAt = integer(json, "startedAt");
          case 3 -> micros = integer(json, "micros");
          default -> json.value();
        }
        field = json.nextName(false, OUTCOME_FIELDS);
      }
      return new Outcome(value, error, startedAt, micros);
    }

    private static byte[] ascii(String text) {
      return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static RemoteError error(JsonReader json) throws JsonException {
      if (json.peek() != '{') {
        throw new IllegalArgumentException("\"error\" must be an object");
      }
      String exception = null;
      String message = null;
      String trace = null;
      json.beginObject();
      String name = json.nextName(true);
      while (name != null) {
        switch (name) {
          case "exception" -> exception = text(json, name);
          case "message" -> message = text(json, name);
          case "trace" -> trace = text(json, name);
          default -> json.value();
        }
        name = json.nextName(false);
      }
      if (exception == null) {
        throw new IllegalArgumentException("\"error\" lacks \"exception\"");
      }
      return new RemoteError(exception, message, trace);
    }
  }
}
