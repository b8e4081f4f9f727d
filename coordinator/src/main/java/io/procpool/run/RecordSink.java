package io.procpool.run;

import java.util.function.IntFunction;

/** Receives each task's record, in task order, as soon as it and all before it are done. */
public interface RecordSink {
  /** No one reads the records: a run with this sink (and no kept results) makes none. */
  RecordSink NONE = record -> {};

  void accept(TaskRecord record);

  /**
   * Whether this sink looks only at failed tasks' records (a summary without output files): the
   * run then makes no record for a task that succeeded, unless it keeps every record anyway.
   */
  default boolean failuresOnly() {
    return false;
  }

  /**
   * Tasks {@code from} (inclusive) to {@code to} were never sent and are cancelled: a stopped run
   * of two billion tasks must not make two billion records to count them. The default passes
   * each record on.
   */
  default void cancelled(int from, int to, IntFunction<TaskRecord> record) {
    for (int index = from; index < to; index++) {
      accept(record.apply(index));
    }
  }
}
