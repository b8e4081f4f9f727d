package io.procpool.run;

import io.procpool.pool.Execution;
import java.util.ArrayDeque;

/**
 * Finished chunks and cancelled ranges in task order, whose records are not written yet: the run
 * writes them after its clock stops, or whenever the buffer fills (so that a run of any length
 * needs memory for the buffer, not for every task). The time spent writing is measured, to be
 * reported beside the wall time rather than hidden.
 */
final class RecordBuffer {
  /** Bytes of heap an Execution, its reference and a small value take, about. */
  private static final long BYTES_PER_TASK = 96;

  private final ArrayDeque<Object> segments = new ArrayDeque<>();
  private final long maxTasks;
  private final long maxBytes;
  private long tasks;
  private long bytes;
  private long writeNanos;

  /**
   * @param maxTasks the most tasks held before the buffer counts as full
   * @param maxBytes the most bytes of heap (estimated) held before it counts as full
   */
  RecordBuffer(long maxTasks, long maxBytes) {
    this.maxTasks = maxTasks;
    this.maxBytes = maxBytes;
  }

  /** A buffer of at most a million tasks and an eighth of the heap. */
  static RecordBuffer sizedForHeap() {
    return new RecordBuffer(1 << 20, Runtime.getRuntime().maxMemory() / 8);
  }

  /** A range of tasks that were never sent: one entry, however many tasks. */
  private record CancelledRange(int from, int to, Execution cancelled) {}

  /** Adds a finished chunk; returns whether the buffer is now full and should be written. */
  boolean add(FinishedChunk chunk) {
    segments.addLast(chunk);
    tasks += chunk.size();
    bytes += BYTES_PER_TASK * chunk.size();
    for (Execution execution : chunk.executions) {
      if (execution.value() instanceof String text) {
        bytes += text.length(); // echo's values: large strings are what fills a heap
      }
    }
    return tasks >= maxTasks || bytes >= maxBytes;
  }

  /** Adds tasks {@code from} to {@code to} (exclusive), all failed with {@code cancelled}. */
  void addCancelled(int from, int to, Execution cancelled) {
    if (to > from) {
      segments.addLast(new CancelledRange(from, to, cancelled));
    }
  }

  /** What {@link #writeTo} hands each segment to. */
  interface Writer {
    void chunk(FinishedChunk chunk);

    void cancelled(int from, int to, Execution cancelled);
  }

  /** Hands every segment over in task order, empties the buffer and adds the time it took. */
  void writeTo(Writer writer) {
    if (segments.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    for (Object segment = segments.pollFirst(); segment != null; segment = segments.pollFirst()) {
      if (segment instanceof FinishedChunk chunk) {
        writer.chunk(chunk);
      } else {
        CancelledRange range = (CancelledRange) segment;
        writer.cancelled(range.from(), range.to(), range.cancelled());
      }
    }
    tasks = 0;
    bytes = 0;
    writeNanos += System.nanoTime() - start;
  }

  /** All the time spent in {@link #writeTo} so far. */
  long writeNanos() {
    return writeNanos;
  }

  /** Tasks held now. */
  long tasks() {
    return tasks;
  }
}
