package io.procpool.run;

import io.procpool.pool.Execution;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Turns buffered outcomes into {@link TaskRecord}s for the sink and, if kept, the report: the one
 * place a record per task is made, after the run's clock stops or when the buffer fills.
 */
final class RecordMaker implements RecordBuffer.Writer {
  private final RecordSink sink;
  private final TaskList workload;
  private final long startMicros;
  /** Every record, for the report; null unless the run keeps them. */
  private final List<TaskRecord> kept;

  RecordMaker(RecordSink sink, TaskList workload, long startMicros, List<TaskRecord> kept) {
    this.sink = sink;
    this.workload = workload;
    this.startMicros = startMicros;
    this.kept = kept;
  }

  @Override
  public void chunk(FinishedChunk chunk) {
    Execution[] executions = chunk.executions;
    boolean failuresOnly = sink.failuresOnly() && kept == null;
    for (int i = 0; i < executions.length; i++) {
      if (!failuresOnly || executions[i].failed()) {
        write(chunk, i); // a call per task: compiled early (see LocalRunner)
      }
    }
  }

  private void write(FinishedChunk chunk, int i) {
    int index = chunk.first + i;
    TaskRecord record = TaskRecord.of(index, workload.size(index), workload.recordValue(chunk.executions[i].value()),
        chunk.executions[i], chunk.completion(i), startMicros);
    sink.accept(record);
    if (kept != null) {
      kept.add(record);
    }
  }

  @Override
  public void cancelled(int from, int to, Execution cancelled) {
    IntFunction<TaskRecord> record = index -> TaskRecord.of(index, workload.size(index), null, cancelled, 0,
        startMicros);
    sink.cancelled(from, to, record);
    if (kept != null) {
      for (int index = from; index < to; index++) {
        kept.add(record.apply(index));
      }
    }
  }
}
