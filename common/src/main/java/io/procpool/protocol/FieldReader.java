package io.procpool.protocol;

import io.procpool.protocol.JsonReader.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How procpool's codec reads each known member of a message into {@link MessageFields}: one
 * constant per member name, matched in the line's bytes.
 *
 * <p>A constant per field rather than one switch, because the reader calls them through one
 * call site that sees many classes: the JIT compiles each field's reader on its own instead of
 * inlining every reader (and the whole JSON value parser, many times) into one method. That one
 * method took the C2 compiler 340-430 ms of a core in each JVM of a cold 20,000-task run.
 */
enum FieldReader {
  TYPE("type") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.type = text(json, "type");
    }
  },
  ID("id") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.id = integer(json, "id");
    }
  },
  PROTOCOL("protocol") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.protocol = int32(json, "protocol");
    }
  },
  PID("pid") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.pid = integer(json, "pid");
    }
  },
  RUNTIME("runtime") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.runtime = text(json, "runtime");
    }
  },
  IN_FLIGHT("inFlight") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.inFlight = int32(json, "inFlight");
    }
  },
  INIT_MICROS("initMicros") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.initMicros = integer(json, "initMicros");
    }
  },
  READY_AT("readyAt") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.readyAt = integer(json, "readyAt");
    }
  },
  OFF_LINE("offLine") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.offLine = Boolean.TRUE.equals(json.value());
    }
  },
  TASK("task") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.task = text(json, "task");
    }
  },
  ARGS("args") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.args = array(json, "args");
    }
  },
  THREAD("thread") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.thread = text(json, "thread");
    }
  },
  RESULTS("results") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.results = outcomes(json);
    }
  },
  COLUMNS("columns") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.columns = Boolean.TRUE.equals(json.value());
    }
  },
  STARTED_AT("startedAt") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.startedAt = integer(json, "startedAt");
    }
  },
  VALUES("values") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.values = array(json, "values");
    }
  },
  STARTS("starts") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.starts = integers(json, "starts", f.values);
    }
  },
  MICROS("micros") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.micros = integers(json, "micros", f.values);
    }
  },
  MESSAGE("message") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.message = text(json, "message");
    }
  },
  LINE("line") {
    @Override
    void read(MessageFields f, JsonReader json) throws JsonException {
      f.lineText = text(json, "line");
    }
  };

  static final FieldReader[] ALL = values();
  /** The member names, in {@link #ALL}'s order, as {@link JsonReader#nextName(boolean, byte[][])} matches them. */
  static final byte[][] NAMES = names();

  private final byte[] name;

  FieldReader(String name) {
    this.name = ascii(name);
  }

  /** Reads this member's value, the reader just past its name's colon. */
  abstract void read(MessageFields f, JsonReader json) throws JsonException;

  private static byte[][] names() {
    byte[][] names = new byte[ALL.length][];
    for (int i = 0; i < names.length; i++) {
      names[i] = ALL[i].name;
    }
    return names;
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
