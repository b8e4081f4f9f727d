package io.procpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.process.PoolInvariants;
import io.procpool.process.ProcessPool;
import io.procpool.task.CpuHeavy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** map(..., chunksize) against real workers: order, chunk boundaries, one request per chunk. */
@ExtendWith(PoolInvariants.class)
final class ChunkingIT {

  @ParameterizedTest(name = "{0} tasks, chunksize {1}")
  @CsvSource({"7, 3", "4, 10", "6, 1", "6, 6"})
  void executeAll_chunks_keepOrderAndRunEachChunkOnOneWorker(int tasks, int chunksize) {
    List<Object> sizes = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      sizes.add(1000L + 37L * ((i * 7) % tasks));
    }
    try (ProcessPool pool = PoolInvariants.start(ProcessPoolOptions.builder().workers(2).build())) {
      List<CompletableFuture<Execution>> futures = pool.executeAll("cpu-heavy", sizes, chunksize);
      Iterator<Object> mapped = pool.map("cpu-heavy", sizes, chunksize);

      assertEquals(tasks, futures.size());
      for (int i = 0; i < tasks; i++) {
        Execution execution = futures.get(i).join();
        assertEquals(CpuHeavy.xorshift((Long) sizes.get(i)), execution.value(), "task " + i);
        assertEquals(CpuHeavy.xorshift((Long) sizes.get(i)), mapped.next(), "map() order at " + i);
        int chunkStart = i / chunksize * chunksize;
        assertEquals(futures.get(chunkStart).join().pid(), execution.pid(),
            "task " + i + " ran apart from its chunk");
      }
    }
  }

  /** A chunk's answer comes in the columns form; each call's start and duration must survive it. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"sleep", "fail"})
  void executeChunk_sleepsInOneChunk_eachStartsAfterTheOneBeforeEnded(String lastTask) {
    try (ProcessPool pool = PoolInvariants.start(ProcessPoolOptions.builder().workers(1).build())) {
      List<Execution> executions = pool.executeChunk("sleep", List.of(20L, 20L, 20L, 20L)).stream()
          .map(CompletableFuture::join).toList();
      Execution failed = pool.executeChunk(lastTask, List.of(20L, 1L)).get(1).join();

      for (int i = 0; i < executions.size(); i++) {
        Execution execution = executions.get(i);
        assertEquals(20L, execution.value(), "call " + i);
        assertTrue(execution.micros() >= 20_000, "call " + i + " ran " + execution.micros() + " us");
        if (i > 0) {
          Execution before = executions.get(i - 1);
          assertTrue(execution.startedAt() >= before.startedAt() + before.micros(),
              "call " + i + " started at " + execution.startedAt() + ", before call " + (i - 1) + " ended");
        }
      }
      assertEquals(lastTask.equals("fail"), failed.failed(), "an answer with a failure comes in the classic form");
      assertTrue(failed.startedAt() > executions.get(3).startedAt());
    }
  }
}
