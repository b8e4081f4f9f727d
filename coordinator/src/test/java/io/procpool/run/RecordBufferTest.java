package io.procpool.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.TaskFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RecordBufferTest {
  private static final Execution ONE = new Execution(1L, null, 7, "main", "w1", 10, 0, 20, 1);

  @Test
  void add_upToTheTaskBound_isFullOnlyWhenTheBoundIsReached() {
    RecordBuffer buffer = new RecordBuffer(/* maxTasks= */ 3000, /* maxBytes= */ Long.MAX_VALUE);

    assertFalse(buffer.add(chunk(0, 1000, ONE)));
    assertFalse(buffer.add(chunk(1000, 1000, ONE)));
    assertTrue(buffer.add(chunk(2000, 1000, ONE)));
  }

  @Test
  void add_largeStringValues_isFullAtTheByteBoundLongBeforeTheTaskBound() {
    RecordBuffer buffer = new RecordBuffer(/* maxTasks= */ 1 << 20, /* maxBytes= */ 10_000_000);
    Execution megabyte = new Execution("x".repeat(1 << 20), null, 7, "main", "w1", 10, 0, 20, 1);

    for (int i = 0; i < 9; i++) {
      assertFalse(buffer.add(chunk(i, 1, megabyte)), "after " + (i + 1) + " MiB");
    }
    assertTrue(buffer.add(chunk(9, 1, megabyte)));
  }

  @Test
  void writeTo_chunksAndCancelledRange_handsThemOverInTaskOrderAndEmpties() {
    RecordBuffer buffer = new RecordBuffer(1 << 20, Long.MAX_VALUE);
    Execution cancelled = Execution.failedBeforeRunning(TaskFailure.of(FailureKind.CANCELLED, "cancelled", ""), 0);
    buffer.add(chunk(0, 2, ONE));
    buffer.add(chunk(2, 3, ONE));
    buffer.addCancelled(5, 2_000_000_000, cancelled);
    List<String> seen = new ArrayList<>();

    buffer.writeTo(new RecordBuffer.Writer() {
      @Override
      public void chunk(FinishedChunk chunk) {
        seen.add("chunk " + chunk.first + " of " + chunk.size() + ", completions " + chunk.completion(0) + "..."
            + chunk.completion(chunk.size() - 1));
      }

      @Override
      public void cancelled(int from, int to, Execution execution) {
        seen.add("cancelled " + from + ".." + to + " " + execution.failure().kind());
      }
    });

    assertEquals(List.of("chunk 0 of 2, completions 101...102", "chunk 2 of 3, completions 101...103",
        "cancelled 5..2000000000 CANCELLED"), seen);
    assertEquals(0, buffer.tasks());
    assertTrue(buffer.writeNanos() > 0);
  }

  private static FinishedChunk chunk(int first, int size, Execution execution) {
    Execution[] executions = new Execution[size];
    Arrays.fill(executions, execution);
    return FinishedChunk.inOrder(first, executions, /* completionBase= */ 100);
  }
}
