package io.procpool.fn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.procpool.task.Task;
import java.io.IOException;
import java.util.List;

/** One function with its captured values: decodes each call's arguments, calls, encodes the result. */
final class InvokeTask implements Task {
  private final Target target;
  private final Object[] captured;

  InvokeTask(Target target, Object[] captured) {
    this.target = target;
    this.captured = captured;
  }

  @Override
  public String name() {
    return InvokeFamily.PREFIX + ":" + target.ref().displayName();
  }

  @Override
  public String description() {
    return "calls " + target.ref().displayName();
  }

  Target target() {
    return target;
  }

  @Override
  public Object run(Object argument) throws Exception {
    if (!(argument instanceof String json)) {
      throw new IllegalArgumentException("invoke needs the arguments as JSON text, got " + argument);
    }
    JsonCursor in = new JsonCursor(json);
    Object[] inputs = arguments(in, json);
    if (!in.atEnd()) {
      throw new IllegalArgumentException("invoke needs one JSON array of arguments, got " + json);
    }
    Object value = call(inputs);
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    target.result().encode(value, out);
    return out.toString();
  }

  /** Calls the method on the captured values and these inputs; its own exception is thrown as itself. */
  Object call(Object[] inputs) throws Exception {
    return target.invoke(inputs);
  }

  /**
   * Reads one call's arguments, a JSON array, at the cursor into the inputs after the captured
   * values: without jackson-databind when each is plain, else with the mapper (which then also
   * gives the errors). The cursor ends after the array.
   */
  Object[] arguments(JsonCursor in, String text) throws IOException {
    List<Slot> slots = target.inputs();
    Object[] inputs = new Object[slots.size()];
    System.arraycopy(captured, 0, inputs, 0, captured.length);
    int start = in.position();
    if (readPlain(in, slots, inputs)) {
      return inputs;
    }
    in.position(start);
    if (!in.skipValue()) {
      in.position(text.length()); // not JSON: the mapper below says where
    }
    readWithMapper(text.substring(start, in.position()), slots, inputs);
    return inputs;
  }

  private void readWithMapper(String json, List<Slot> slots, Object[] inputs) throws IOException {
    try (JsonParser parser = Values.MAPPER.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("invoke needs a JSON array of arguments, got " + json);
      }
      int i = captured.length;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (i == inputs.length) {
          throw new IllegalArgumentException(target.ref().displayName() + " takes " + target.arity() + " arguments, got more");
        }
        inputs[i] = slots.get(i).decode(parser);
        i++;
      }
      if (i != inputs.length) {
        throw new IllegalArgumentException(target.ref().displayName() + " takes " + target.arity()
            + " arguments, got " + (i - captured.length));
      }
    }
  }

  /** Reads the arguments without jackson-databind when each is plain; false leaves it to the mapper. */
  private boolean readPlain(JsonCursor in, List<Slot> slots, Object[] inputs) {
    if (!in.take('[')) {
      return false;
    }
    for (int i = captured.length; i < inputs.length; i++) {
      if (i > captured.length && !in.take(',')) {
        return false;
      }
      Object value = slots.get(i).read(in);
      if (value == PlainShape.NOT_PLAIN) {
        return false;
      }
      inputs[i] = value;
    }
    return in.take(']');
  }
}
