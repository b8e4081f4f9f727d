package io.procpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
