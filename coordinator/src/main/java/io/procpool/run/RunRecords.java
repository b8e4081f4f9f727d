package io.procpool.run;

import io.procpool.pool.Execution;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's tasks accounted for in task order: each finished chunk and each range never sent goes
 * to the {@link RecordBuffer}, whose records are written once the clock stops (or a buffer-full
 * at a time). Not thread-safe: used under the run's lock.
 */
final class RunRecords {
  private final RecordSink sink;
  private final RecordBuffer buffer;
  /** Every record, for the report; null unless the run keeps them. */
  private final List<TaskRecord> kept;
  private final RecordMaker maker;
  /** How many tasks, from the first on, are accounted for: the run is over when all are. */
  private int accounted;

  RunRecords(RecordSink sink, RecordBuffer buffer, TaskList workload, long startMicros, boolean keep) {
    this.sink = sink;
    this.buffer = buffer;
    this.kept = keep ? new ArrayList<>(Math.min(workload.count(), 1 << 16)) : null;
    this.maker = new RecordMaker(sink, workload, startMicros, kept);
  }

  /** Accounts for the chunk that follows every one so far. */
  void add(FinishedChunk chunk) {
    accounted += chunk.size();
    if (!writesRecords()) {
      return;
    }
    if (buffer.add(chunk)) {
      buffer.writeTo(maker); // full: memory stays bounded, this time is in the wall time too
    }
  }

  /** Accounts for tasks {@code from} to {@code to} (exclusive), never sent, as {@code cancelled}. */
  void addCancelled(int from, int to, Execution cancelled) {
    if (writesRecords()) {
      buffer.addCancelled(from, to, cancelled);
    }
    accounted += to - from;
  }

  /** How many tasks, from the first on, are accounted for. */
  int accounted() {
    return accounted;
  }

  /** Writes every buffered record; the time it takes adds to {@link #writeNanos}. */
  void writeAll() {
    buffer.writeTo(maker);
  }

  /** All the time spent writing records so far. */
  long writeNanos() {
    return buffer.writeNanos();
  }

  /** Every record in task order, or null unless the run keeps them. */
  List<TaskRecord> kept() {
    return kept;
  }

  /** Whether anyone reads the records: sweep's runs only count. */
  private boolean writesRecords() {
    return sink != RecordSink.NONE || kept != null;
  }
}
