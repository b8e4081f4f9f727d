package io.procpool.calls;

import com.fasterxml.jackson.databind.util.RawValue;
import io.procpool.calls.InputLines.Call;
import io.procpool.fn.Invocation;
import io.procpool.run.TaskList;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's method over the calls of a JSON-lines input, as a {@link TaskList}: what lets
 * {@code compare --task} run through the same runner, table, files and signal handling as a
 * built-in workload. A call's record has its input line as its size, and its value as the JSON
 * text the call returned (written as JSON, not as a string of it).
 */
public final class CallList implements TaskList {
  private final Invocation invocation;
  private final List<Call> calls;

  public CallList(Invocation invocation, List<Call> calls) {
    this.invocation = invocation;
    this.calls = List.copyOf(calls);
  }

  @Override
  public String task() {
    return invocation.task();
  }

  @Override
  public String name() {
    return invocation.displayName();
  }

  @Override
  public String describe() {
    return invocation.displayName() + " on " + calls.size() + " calls";
  }

  @Override
  public int count() {
    return calls.size();
  }

  /** The call's input line (1-based). */
  @Override
  public long size(int index) {
    return calls.get(index).line();
  }

  @Override
  public List<Object> arguments(int from, int to) {
    List<Object> arguments = new ArrayList<>(to - from);
    for (Call call : calls.subList(from, to)) {
      arguments.add(call.arguments());
    }
    return arguments;
  }

  @Override
  public Object recordValue(Object value) {
    return value == null ? null : new RawValue((String) value);
  }
}
