package io.procpool.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The union of all messages' fields, filled in whatever order they arrive, and the protocol's
 * rules for making a message of them (required fields, defaults, the columns form of a done):
 * in one place for both codecs' readers, which differ only in how they read each field.
 */
abstract class MessageFields {
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
  /** The columns form of a done: the first start, and one value, start offset and duration per call. */
  long startedAt;
  List<Object> values;
  long[] starts;
  long[] micros;
  String message;
  String lineText;

  /** The message these fields make, or why they make none. */
  final Message build(byte[] line, int offset, int length) throws ProtocolException {
    if (type == null) {
      throw new ProtocolException("message has no \"type\"", line, offset, length);
    }
    return switch (type) {
      case Hello.TYPE -> new Hello(
          (int) require(protocol, "protocol", line, offset, length),
          require(pid, "pid", line, offset, length),
          runtime == null ? "unknown" : runtime,
          inFlight == null ? 1 : (int) (long) inFlight,
          initMicros == null ? 0 : initMicros,
          readyAt == null ? 0 : readyAt,
          offLine,
          columns);
      case Run.TYPE -> new Run(
          require(id, "id", line, offset, length),
          requireText(task, "task", line, offset, length),
          requireList(args, "args", line, offset, length),
          columns);
      case Done.TYPE -> values == null
          ? new Done(
              require(id, "id", line, offset, length),
              thread == null ? "" : thread,
              requireList(results, "results", line, offset, length))
          : new Done(
              require(id, "id", line, offset, length),
              thread == null ? "" : thread,
              columnOutcomes(line, offset, length),
              /* columns= */ true);
      case Invalid.TYPE -> new Invalid(message == null ? "" : message, lineText == null ? "" : lineText);
      default -> throw new ProtocolException("unknown message type \"" + type + "\"", line, offset, length);
    };
  }

  /** The outcomes of a done in the columns form: every call returned. */
  private List<Outcome> columnOutcomes(byte[] line, int offset, int length) throws ProtocolException {
    if (results != null) {
      throw new ProtocolException("a done has \"results\" or \"values\", not both", line, offset, length);
    }
    int count = values.size();
    checkLength(starts, "starts", count, line, offset, length);
    checkLength(micros, "micros", count, line, offset, length);
    List<Outcome> outcomes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      outcomes.add(Outcome.success(values.get(i), startedAt + (starts == null ? 0 : starts[i]),
          micros == null ? 0 : micros[i]));
    }
    return outcomes;
  }

  private static void checkLength(long[] column, String field, int count, byte[] line, int offset, int length)
      throws ProtocolException {
    if (column != null && column.length != count) {
      throw new ProtocolException("a done's \"" + field + "\" has " + column.length + " numbers for " + count
          + " values", line, offset, length);
    }
  }

  private static long require(Long value, String field, byte[] line, int offset, int length)
      throws ProtocolException {
    if (value == null) {
      throw new ProtocolException("message lacks \"" + field + "\"", line, offset, length);
    }
    return value;
  }

  private static String requireText(String value, String field, byte[] line, int offset, int length)
      throws ProtocolException {
    if (value == null) {
      throw new ProtocolException("message lacks \"" + field + "\"", line, offset, length);
    }
    return value;
  }

  private static <T> List<T> requireList(List<T> value, String field, byte[] line, int offset, int length)
      throws ProtocolException {
    if (value == null) {
      throw new ProtocolException("message lacks \"" + field + "\"", line, offset, length);
    }
    return value;
  }
}
