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
    Object[] inputs;
    try (JsonParser parser = JsonText.parser(json)) {
      parser.nextToken();
      inputs = arguments(parser, json);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("invoke needs one JSON array of arguments, got " + json);
      }
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
   * Reads one call's arguments, a JSON array whose first token is the parser's current one, into
   * the inputs after the captured values. The parser ends on the array's closing bracket.
   *
   * @param json the whole text, for messages
   */
  Object[] arguments(JsonParser parser, String json) throws IOException {
    List<Slot> slots = target.inputs();
    Object[] inputs = new Object[slots.size()];
    System.arraycopy(captured, 0, inputs, 0, captured.length);
    if (parser.currentToken() != JsonToken.START_ARRAY) {
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
    return inputs;
  }
}
