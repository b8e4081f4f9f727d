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
    return bind(parameter);
  }

  /** The function a name's parameter describes, with its captured values rebuilt. */
  static InvokeTask bind(String parameter) {
    InvokeTask plain = readCanonical(parameter);
    return plain != null ? plain : readWithMapper(parameter);
  }

  /**
   * The name as {@link Invocation} writes it, read without jackson-databind (its set-up would be
   * most of a fresh worker's first typed call); null for any other spelling, left to the mapper.
   */
  private static InvokeTask readCanonical(String parameter) {
    JsonCursor in = new JsonCursor(parameter);
    Object className = in.take("{\"class\":") ? in.readString() : PlainShape.NOT_PLAIN;
    Object method = in.take(",\"method\":") ? in.readString() : PlainShape.NOT_PLAIN;
    Object signature = in.take(",\"signature\":") ? in.readString() : PlainShape.NOT_PLAIN;
    Object kind = in.take(",\"kind\":") ? in.readString() : PlainShape.NOT_PLAIN;
    if (className == PlainShape.NOT_PLAIN || method == PlainShape.NOT_PLAIN || signature == PlainShape.NOT_PLAIN
        || kind == PlainShape.NOT_PLAIN || !in.take(",\"captured\":[")) {
      return null;
    }
    List<String> captured = new ArrayList<>();
    if (!in.take(']')) {
      do {
        int start = in.position();
        if (!in.skipValue()) {
          return null;
        }
        captured.add(in.text(start, in.position()));
      } while (in.take(','));
      if (!in.take(']')) {
        return null;
      }
    }
    if (!in.take('}') || !in.atEnd()) {
      return null;
    }
    FunctionRef.Kind how;
    try {
      how = FunctionRef.Kind.valueOf((String) kind);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return bind(new FunctionRef((String) className, (String) method, (String) signature, how,
        new ArrayList<>(java.util.Collections.nCopies(captured.size(), null))), captured);
  }

  private static InvokeTask readWithMapper(String parameter) {
    JsonNode spec;
    try {
      spec = Values.MAPPER.readTree(parameter);
    } catch (IOException e) {
      throw new IllegalArgumentException("invoke: the function reference is not JSON: " + e.getMessage(), e);
    }
    int capturedCount = spec.path("captured").size();
    FunctionRef shape = new FunctionRef(text(spec, "class"), text(spec, "method"), text(spec, "signature"),
        FunctionRef.Kind.valueOf(text(spec, "kind")), new ArrayList<>(java.util.Collections.nCopies(capturedCount, null)));
    List<String> captured = new ArrayList<>(capturedCount);
    for (int i = 0; i < capturedCount; i++) {
      captured.add(spec.get("captured").get(i).toString());
    }
    return bind(shape, captured);
  }

  /** Finds the method and rebuilds each captured value from its JSON. */
  private static InvokeTask bind(FunctionRef shape, List<String> capturedJson) {
    Target target = Target.resolve(shape, Thread.currentThread().getContextClassLoader());
    Object[] captured = new Object[capturedJson.size()];
    for (int i = 0; i < captured.length; i++) {
      try {
        captured[i] = target.inputs().get(i).decode(capturedJson.get(i));
      } catch (IOException e) {
        throw new IllegalArgumentException(target.inputs().get(i).role() + ": " + e.getMessage(), e);
      }
    }
    return new InvokeTask(target, captured);
  }

  private static String text(JsonNode spec, String field) {
    JsonNode value = spec.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("invoke: the function reference has no \"" + field + "\"");
    }
    return value.asText();
  }
}
