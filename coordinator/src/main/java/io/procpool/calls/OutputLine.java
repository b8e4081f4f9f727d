package io.procpool.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.procpool.pool.TaskFailure;

/**
 * One call's outcome as a line of a run's JSON-lines output. In input order ({@code --style map})
 * a result is its bare JSON value, as Python's {@code map} yields bare values; in finish order
 * ({@code as-completed}) it is {@code {"line":N,"value":V}}, since the reader needs to know which
 * call finished. A call that did not give a value is {@code {"line":N,"error":{...}}} in both.
 *
 * @param line the call's 1-based input line
 * @param valueJson the result exactly as the method's declared type wrote it; null when {@code errorJson} is set
 * @param errorJson {@code {"type":...,"exception":...,"message":...}}, or null for a result
 */
public record OutputLine(int line, String valueJson, String errorJson) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @param valueJson the result as the invoke task encoded it; null for a null result */
  public static OutputLine value(int line, String valueJson) {
    return new OutputLine(line, valueJson == null ? "null" : valueJson, null);
  }

  public static OutputLine failure(int line, TaskFailure failure) {
    return error(line, failure.kind().wireName(), failure.exception(), failure.message());
  }

  public static OutputLine cancelled(int line, String why) {
    return error(line, "cancelled", "cancelled", "not run: " + why);
  }

  public static OutputLine badInput(int line, String problem) {
    return error(line, "bad-input", "bad-input", problem);
  }

  public boolean failed() {
    return errorJson != null;
  }

  /** The line in input order: the bare value, or the error with its line. */
  public String bare() {
    return failed() ? withLine() : valueJson;
  }

  /** The line in finish order: the value or the error, with its line. */
  public String withLine() {
    return "{\"line\":" + line + (failed() ? ",\"error\":" + errorJson : ",\"value\":" + valueJson) + "}";
  }

  private static OutputLine error(int line, String type, String exception, String message) {
    ObjectNode error = JSON.createObjectNode().put("type", type).put("exception", exception).put("message", message);
    try {
      return new OutputLine(line, null, JSON.writeValueAsString(error));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
