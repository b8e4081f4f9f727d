package io.procpool.run;

/** Told of each task as it completes, in completion order: drives progress displays. */
public interface Progress extends AutoCloseable {
  Progress NONE = (done, total, record) -> {};

  void completed(int done, int total, TaskRecord record);

  @Override
  default void close() {}
}
