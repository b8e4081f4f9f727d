package io.procpool.fn;

import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.task.Task;
import io.procpool.task.TaskFamily;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in {@code invoke:KIND class::method(descriptor)} tasks: a function named by
 * {@link FunctionRef}, with its captured values, called on each argument. Listed as a service,
 * so it is only loaded when a worker first meets such a name; jackson-databind only when a value
 * is not plain ({@link PlainShape}).
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

  /**
   * A function's task name without its captured values: {@code invoke:KIND class::method(descriptor)},
   * e.g. {@code invoke:STATIC com.example.Primes::countPrimes(Lcom/example/Range;)J}. No quotes,
   * so the protocol sends and reads it without escapes, as it does every call.
   */
  static StringBuilder name(FunctionRef ref) {
    return new StringBuilder(PREFIX.length() + ref.className().length() + ref.method().length()
        + ref.signature().length() + 32).append(PREFIX).append(':').append(ref.kind()).append(' ')
        .append(ref.className()).append("::").append(ref.method()).append(ref.signature());
  }

  /** The function a name's parameter describes, with its captured values rebuilt. */
  static InvokeTask bind(String parameter) {
    if (!parameter.startsWith("{")) {
      return readCompact(parameter);
    }
    InvokeTask plain = readCanonical(parameter);
    return plain != null ? plain : readWithMapper(parameter);
  }

  /** {@code KIND class::method(descriptor)}, then a space and the captured values' JSON array if any. */
  private static InvokeTask readCompact(String parameter) {
    int kindEnd = parameter.indexOf(' ');
    int separator = parameter.indexOf("::");
    int signature = parameter.indexOf('(', Math.max(separator, 0));
    int end = parameter.indexOf(' ', kindEnd + 1);
    end = end < 0 ? parameter.length() : end;
    FunctionRef.Kind kind = null;
    for (FunctionRef.Kind known : FunctionRef.Kind.values()) {
      if (kindEnd > 0 && parameter.substring(0, kindEnd).equals(known.name())) {
        kind = known;
      }
    }
    if (kind == null || separator < kindEnd + 2 || signature < separator + 3 || signature >= end) {
      throw new IllegalArgumentException("invoke: the function reference is not KIND class::method(descriptor): "
          + parameter);
    }
    List<String> captured = new ArrayList<>();
    if (end < parameter.length()) {
      JsonCursor in = new JsonCursor(parameter);
      in.position(end + 1);
      boolean read = in.take('[');
      if (read && !in.take(']')) {
        do {
          int start = in.position();
          read = in.skipValue();
          captured.add(in.text(start, in.position()));
        } while (read && in.take(','));
        read = read && in.take(']');
      }
      if (!read || !in.atEnd()) {
        throw new IllegalArgumentException("invoke: the captured values are not a JSON array: "
            + parameter.substring(end + 1));
      }
    }
    return bind(new FunctionRef(parameter.substring(kindEnd + 1, separator), parameter.substring(separator + 2, signature),
        parameter.substring(signature, end), kind, new ArrayList<>(java.util.Collections.nCopies(captured.size(), null))),
        captured);
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
