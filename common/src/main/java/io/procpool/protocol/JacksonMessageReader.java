package io.procpool.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The codec's first, Jackson-based reader: the {@code jackson} {@link Codec}, and the reference
 * the hand-written codec is checked against.
 *
 * <p>Reads JSON-line messages. A line that is not a valid message throws a
 * {@link ProtocolException} quoting it; the reader stays usable and the next call reads the
 * following line. Fields are accepted in any order; unknown fields are ignored.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
final class JacksonMessageReader implements MessageInput {
  private final LineReader lines;

  JacksonMessageReader(InputStream in) {
    this(in, Protocol.DEFAULT_MAX_LINE_BYTES);
  }

  JacksonMessageReader(InputStream in, int maxLineBytes) {
    this(in, maxLineBytes, 0);
  }

  JacksonMessageReader(InputStream in, int maxLineBytes, long pollNanos) {
    this.lines = new LineReader(in, maxLineBytes, pollNanos);
  }

  /** Decodes one line of wire text (without its newline). */
  public static Message decode(String line) throws ProtocolException {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return parse(bytes, bytes.length);
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
      return parse(java.util.Arrays.copyOfRange(lines.line(), lines.offset(), lines.offset() + lines.length()), lines.length());
    }
    return null;
  }

  @Override
  public boolean hasBuffered() {
    return lines.hasBufferedLine();
  }

  private static Message parse(byte[] line, int length) throws ProtocolException {
    try (JsonParser parser = JacksonMessageWriter.FACTORY.createParser(line, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new ProtocolException("not a JSON object", line, length);
      }
      Fields fields = new Fields();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        fields.read(name, parser);
      }
      if (parser.nextToken() != null) {
        throw new ProtocolException("trailing data after the JSON object", line, length);
      }
      return fields.build(line, length);
    } catch (ProtocolException e) {
      throw e;
    } catch (JsonProcessingException | IllegalArgumentException | ClassCastException e) {
      String problem = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      throw new ProtocolException(
          "invalid message (" + problem + ")", ProtocolException.excerpt(line, length), e);
    } catch (IOException e) {
      throw new ProtocolException(
          "unreadable message (" + e.getMessage() + ")", ProtocolException.excerpt(line, length), e);
    }
  }

  /** The union of all messages' fields, filled in whatever order they arrive. */
  private static final class Fields {
    String type;
    Long id;
    Long protocol;
    Long pid;
    String runtime;
    Long inFlight;
    Long initMicros;
    Long readyAt;
    boolean offLine;
    String task;
    List<Object> args;
    String thread;
    List<Outcome> results;
    boolean columns;
    long startedAt;
    List<Object> values;
    List<Long> starts;
    List<Long> micros;
    String message;
    String lineText;

    void read(String name, JsonParser parser) throws IOException {
      switch (name) {
        case "type" -> type = parser.getValueAsString();
        case "id" -> id = number(parser, name);
        case "protocol" -> protocol = number(parser, name);
        case "pid" -> pid = number(parser, name);
        case "runtime" -> runtime = parser.getValueAsString();
        case "inFlight" -> inFlight = number(parser, name);
        case "initMicros" -> initMicros = number(parser, name);
        case "readyAt" -> readyAt = number(parser, name);
        case "offLine" -> offLine = parser.currentToken() == JsonToken.VALUE_TRUE || skip(parser);
        case "task" -> task = parser.getValueAsString();
        case "args" -> args = array(parser, name);
        case "thread" -> thread = parser.getValueAsString();
        case "results" -> results = outcomes(parser);
        case "columns" -> columns = parser.currentToken() == JsonToken.VALUE_TRUE || skip(parser);
        case "startedAt" -> startedAt = number(parser, name);
        case "values" -> values = array(parser, name);
        case "starts" -> starts = numbers(parser, name);
        case "micros" -> micros = numbers(parser, name);
        case "message" -> message = parser.getValueAsString();
        case "line" -> lineText = parser.getValueAsString();
        default -> parser.skipChildren();
      }
    }

    Message build(byte[] line, int length) throws ProtocolException {
      if (type == null) {
        throw new ProtocolException("message has no \"type\"", line, length);
      }
      return switch (type) {
        case Hello.TYPE -> new Hello(
            (int) require(protocol, "protocol", line, length),
            require(pid, "pid", line, length),
            runtime == null ? "unknown" : runtime,
            inFlight == null ? 1 : (int) (long) inFlight,
            initMicros == null ? 0 : initMicros,
            readyAt == null ? 0 : readyAt,
            offLine,
            columns);
        case Run.TYPE -> new Run(
            require(id, "id", line, length),
            requireText(task, "task", line, length),
            requireList(args, "args", line, length),
            columns);
        case Done.TYPE -> values == null
            ? new Done(
                require(id, "id", line, length),
                thread == null ? "" : thread,
                requireList(results, "results", line, length))
            : new Done(
                require(id, "id", line, length),
                thread == null ? "" : thread,
                columnOutcomes(line, length),
                /* columns= */ true);
        case Invalid.TYPE -> new Invalid(message == null ? "" : message, lineText == null ? "" : lineText);
        default -> throw new ProtocolException("unknown message type \"" + type + "\"", line, length);
      };
    }

    /** As {@link MessageReader}'s columns form. */
    private List<Outcome> columnOutcomes(byte[] line, int length) throws ProtocolException {
      if (results != null) {
        throw new ProtocolException("a done has \"results\" or \"values\", not both", line, length);
      }
      int count = values.size();
      checkLength(starts, "starts", count, line, length);
      checkLength(micros, "micros", count, line, length);
      List<Outcome> outcomes = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        outcomes.add(Outcome.success(values.get(i), startedAt + (starts == null ? 0 : starts.get(i)),
            micros == null ? 0 : micros.get(i)));
      }
      return outcomes;
    }

    private static void checkLength(List<Long> column, String field, int count, byte[] line, int length)
        throws ProtocolException {
      if (column != null && column.size() != count) {
        throw new ProtocolException("a done's \"" + field + "\" has " + column.size() + " numbers for " + count
            + " values", line, length);
      }
    }

    private static long require(Long value, String field, byte[] line, int length) throws ProtocolException {
      if (value == null) {
        throw new ProtocolException("message lacks \"" + field + "\"", line, length);
      }
      return value;
    }

    private static String requireText(String value, String field, byte[] line, int length)
        throws ProtocolException {
      if (value == null) {
        throw new ProtocolException("message lacks \"" + field + "\"", line, length);
      }
      return value;
    }

    private static <T> List<T> requireList(List<T> value, String field, byte[] line, int length)
        throws ProtocolException {
      if (value == null) {
        throw new ProtocolException("message lacks \"" + field + "\"", line, length);
      }
      return value;
    }

    /** Skips the current value; false. */
    private static boolean skip(JsonParser parser) throws IOException {
      parser.skipChildren();
      return false;
    }

    private static long number(JsonParser parser, String field) throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw new IllegalArgumentException("\"" + field + "\" must be an integer");
      }
      return parser.getLongValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(JsonParser parser, String field) throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("\"" + field + "\" must be an array");
      }
      return (List<Object>) JacksonValues.read(parser);
    }

    private static List<Long> numbers(JsonParser parser, String field) throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("\"" + field + "\" must be an array");
      }
      List<Long> numbers = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        numbers.add(number(parser, field));
      }
      return numbers;
    }

    private static List<Outcome> outcomes(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("\"results\" must be an array");
      }
      List<Outcome> outcomes = new ArrayList<>();
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        outcomes.add(outcome(parser));
      }
      if (parser.currentToken() != JsonToken.END_ARRAY) {
        throw new IllegalArgumentException("each result must be an object");
      }
      return outcomes;
    }

    private static Outcome outcome(JsonParser parser) throws IOException {
      Object value = null;
      RemoteError error = null;
      long startedAt = 0;
      long micros = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "value" -> value = JacksonValues.read(parser);
          case "error" -> error = error(parser);
          case "startedAt" -> startedAt = number(parser, name);
          case "micros" -> micros = number(parser, name);
          default -> parser.skipChildren();
        }
      }
      return new Outcome(value, error, startedAt, micros);
    }

    private static RemoteError error(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("\"error\" must be an object");
      }
      String exception = null;
      String message = null;
      String trace = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "exception" -> exception = parser.getValueAsString();
          case "message" -> message = parser.getValueAsString();
          case "trace" -> trace = parser.getValueAsString();
          default -> parser.skipChildren();
        }
      }
      if (exception == null) {
        throw new IllegalArgumentException("\"error\" lacks \"exception\"");
      }
      return new RemoteError(exception, message, trace);
    }
  }
}
