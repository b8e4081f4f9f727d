package io.procpool.run;

/** Receives each task's record, in task order, as soon as it and all before it are done. */
public interface RecordSink {
  void accept(TaskRecord record);
}
