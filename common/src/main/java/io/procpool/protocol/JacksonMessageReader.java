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
      return fields.build(line, 0, length);
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

  /** The fields as this codec reads them; {@link MessageFields} makes the message. */
  private static final class Fields extends MessageFields {
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

    private static long[] numbers(JsonParser parser, String field) throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("\"" + field + "\" must be an array");
      }
      List<Long> numbers = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        numbers.add(number(parser, field));
      }
      return numbers.stream().mapToLong(Long::longValue).toArray();
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
