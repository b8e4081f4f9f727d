package io.procpool.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.procpool.pool.TaskFailure;

/**
 * One line of a run's JSON-lines output: {@code {"line":N,"value":V}} with the call's input line
 * number and its result exactly as the method's declared type wrote it, or
 * {@code {"line":N,"error":{"type":...,"exception":...,"message":...}}}.
 */
public final class OutputLine {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OutputLine() {}

  /** @param valueJson the result as the invoke task encoded it; null for a null result */
  public static String value(int line, String valueJson) {
    return "{\"line\":" + line + ",\"value\":" + (valueJson == null ? "null" : valueJson) + "}";
  }

  public static String failure(int line, TaskFailure failure) {
    return error(line, failure.kind().wireName(), failure.exception(), failure.message());
  }

  public static String cancelled(int line) {
    return error(line, "cancelled", "cancelled", "not run: an earlier task failed (--fail-fast)");
  }

  public static String badInput(int line, String problem) {
    return error(line, "bad-input", "bad-input", problem);
  }

  private static String error(int line, String type, String exception, String message) {
    ObjectNode error = JSON.createObjectNode().put("type", type).put("exception", exception).put("message", message);
    try {
      return "{\"line\":" + line + ",\"error\":" + JSON.writeValueAsString(error) + "}";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
