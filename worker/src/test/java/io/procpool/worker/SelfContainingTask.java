package io.procpool.worker;

import io.procpool.task.Task;
import java.util.ArrayList;
import java.util.List;

/** Test task: returns a list that contains itself, which no JSON can carry. */
public final class SelfContainingTask implements Task {
  @Override
  public String name() {
    return "self-containing";
  }

  @Override
  public String description() {
    return "returns a list containing itself";
  }

  @Override
  public Object run(Object argument) {
    List<Object> list = new ArrayList<>();
    list.add(list);
    return list;
  }
}
