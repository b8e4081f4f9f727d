package io.procpool.fn;

import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.task.Task;
import io.procpool.task.TaskFamily;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in {@code invoke:{...}} tasks: a function named by {@link FunctionRef}, with its
 * captured values, called on each argument. Listed as a service, so it is only loaded (with
 * jackson-databind) when a worker first meets such a name.
 */
public final class InvokeFamily implements TaskFamily {
  /** The task name's prefix. */
  public static final String PREFIX = "invoke";

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public Task task(String parameter) {
    JsonNode spec;
    try {
      spec = Values.MAPPER.readTree(parameter);
    } catch (IOException e) {
      throw new IllegalArgumentException("invoke: the function reference is not JSON: " + e.getMessage(), e);
    }
    int capturedCount = spec.path("captured").size();
    FunctionRef shape = new FunctionRef(text(spec, "class"), text(spec, "method"), text(spec, "signature"),
        FunctionRef.Kind.valueOf(text(spec, "kind")), new ArrayList<>(java.util.Collections.nCopies(capturedCount, null)));
    Target target = Target.resolve(shape, Thread.currentThread().getContextClassLoader());
    List<Object> captured = new ArrayList<>(capturedCount);
    for (int i = 0; i < capturedCount; i++) {
      try {
        captured.add(target.inputs().get(i).decode(spec.get("captured").get(i).toString()));
      } catch (IOException e) {
        throw new IllegalArgumentException(target.inputs().get(i).role() + ": " + e.getMessage(), e);
      }
    }
    return new InvokeTask(target, captured.toArray());
  }

  private static String text(JsonNode spec, String field) {
    JsonNode value = spec.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("invoke: the function reference has no \"" + field + "\"");
    }
    return value.asText();
  }
}
