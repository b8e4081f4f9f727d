package io.procpool.fn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.procpool.task.Task;
import io.procpool.task.TaskFamily;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The built-in {@code invoke:KIND class::method(descriptor)} tasks: a function named by
 * {@link FunctionRef}, with its captured values, called on each argument. Listed as a service,
 * so it is only loaded when a worker first meets such a name, and jackson-databind with it.
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
    return readWithMapper(parameter);
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
    FunctionRef ref = new FunctionRef(parameter.substring(kindEnd + 1, separator), parameter.substring(separator + 2, signature),
        parameter.substring(signature, end), kind, List.of());
    if (end == parameter.length()) {
      return bind(ref, List.of());
    }
    String captured = parameter.substring(end + 1);
    int count;
    try {
      count = countValues(captured);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("invoke: the captured values are not a JSON array: " + captured, e);
    }
    Target target = Target.resolve(new FunctionRef(ref.className(), ref.method(), ref.signature(), kind,
        Arrays.asList(new Object[count])), Thread.currentThread().getContextClassLoader());
    Object[] values = new Object[count];
    try (JsonParser parser = JsonText.parser(captured)) {
      parser.nextToken();
      for (int i = 0; i < count; i++) {
        parser.nextToken();
        values[i] = decodeCaptured(target.inputs().get(i), parser);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("invoke: the captured values are not a JSON array: " + captured, e);
    }
    return new InvokeTask(target, values);
  }

  /** How many values a JSON array holds, which decides which of the method's inputs are captured. */
  private static int countValues(String array) throws IOException {
    try (JsonParser parser = JsonText.parser(array)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("not an array");
      }
      int count = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        parser.skipChildren();
        count++;
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("more than one array");
      }
      return count;
    }
  }

  private static Object decodeCaptured(Slot slot, JsonParser parser) {
    try {
      return slot.decode(parser);
    } catch (IOException e) {
      throw new IllegalArgumentException(slot.role() + ": " + e.getMessage(), e);
    }
  }

  private static InvokeTask readWithMapper(String parameter) {
    JsonNode spec;
    try {
      spec = Values.lean().readTree(parameter);
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
