package io.procpool.task;

import java.util.ArrayList;
import java.util.List;

/**
 * Allocates n MiB and holds on to all of it: run in a worker with a small {@code -Xmx} to see
 * how the pool handles a worker that runs out of memory. Refuses outside a worker, where it
 * would exhaust the coordinator's own heap.
 */
public final class Oom implements Task {
  private static final int MIB = 1 << 20;

  @Override
  public String name() {
    return "oom";
  }

  @Override
  public String description() {
    return "allocates n MiB and keeps it (out-of-memory test); refuses outside a worker";
  }

  @Override
  public Object run(Object argument) {
    if (!Boolean.getBoolean(Crash.WORKER_PROPERTY)) {
      throw new IllegalStateException(
          "oom only runs in worker processes; here it would exhaust the coordinator's own heap");
    }
    long mebibytes = Arguments.asLong(argument, name());
    List<byte[]> held = new ArrayList<>();
    for (long i = 0; i < mebibytes; i++) {
      held.add(new byte[MIB]); // zeroed on allocation, so the memory is really used
    }
    return (long) held.size();
  }
}
