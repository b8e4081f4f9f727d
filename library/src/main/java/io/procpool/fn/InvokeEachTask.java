package io.procpool.fn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.procpool.protocol.RemoteError;
import io.procpool.task.Task;
import java.io.IOException;

/**
 * A chunk of calls of one function as a single task: the argument is a JSON array of the calls'
 * argument arrays, the value a JSON array of their results, in order. A call that throws, or
 * whose result cannot travel, fails alone: its result is null and its error is listed, the
 * others run, as with a chunk of separate tasks. One request and one answer per chunk instead
 * of one per call: what {@code map(f, xs, chunksize)} costs per call is then the call's own.
 *
 * <p>The value is {@code [r0,r1,...]}, or when some calls failed
 * {@code {"values":[r0,null,...],"errors":[[1,"java.lang.ArithmeticException","/ by zero","trace"]]}}.
 */
final class InvokeEachTask implements Task {
  private final InvokeTask one;

  InvokeEachTask(InvokeTask one) {
    this.one = one;
  }

  @Override
  public String name() {
    return InvokeEachFamily.PREFIX + ":" + one.target().ref().displayName();
  }

  @Override
  public String description() {
    return "calls " + one.target().ref().displayName() + " on each of a chunk of arguments";
  }

  @Override
  public Object run(Object argument) throws Exception {
    if (!(argument instanceof String json)) {
      throw new IllegalArgumentException("invoke-each needs the calls as JSON text, got " + argument);
    }
    StringBuilder values = new StringBuilder(json.length() + 16).append('[');
    StringBuilder errors = null;
    Slot result = one.target().result();
    try (JsonParser parser = JsonText.parser(json)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("invoke-each needs a JSON array of argument arrays, got " + json);
      }
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (index > 0) {
          values.append(',');
        }
        JsonStreamContext chunk = parser.getParsingContext().getParent();
        int start = values.length();
        try {
          result.encode(one.call(one.arguments(parser, json)), values);
        } catch (Throwable thrown) { // an Error in the function is its call's failure, as for a task
          values.setLength(start);
          values.append("null");
          errors = error(errors, index, thrown);
          while (parser.getParsingContext() != chunk) { // the rest of arguments it could not read
            parser.nextToken();
          }
        }
        index++;
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("invoke-each needs one JSON array of argument arrays, got " + json);
      }
    }
    values.append(']');
    if (errors == null) {
      return values.toString();
    }
    return new StringBuilder(values.length() + errors.length() + 24).append("{\"values\":").append(values)
        .append(",\"errors\":").append(errors).append("]}").toString();
  }

  private static StringBuilder error(StringBuilder errors, int index, Throwable thrown) throws IOException {
    StringBuilder out = errors == null ? new StringBuilder("[") : errors.append(',');
    RemoteError error = RemoteError.of(thrown);
    out.append('[').append(index);
    for (String field : new String[] {error.exception(), error.message(), error.trace()}) {
      JsonText.appendString(field, out.append(','));
    }
    return out.append(']');
  }
}
