package io.procpool.run;

/** Told how many tasks are done as each chunk completes: drives progress displays. */
public interface Progress extends AutoCloseable {
  Progress NONE = (done, total) -> {};

  void completed(int done, int total);

  @Override
  default void close() {}
}
