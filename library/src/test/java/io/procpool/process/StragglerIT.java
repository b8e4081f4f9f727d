package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.ProcessPoolOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A worker stopped (SIGSTOP) before its hello does not hold up work that ready workers can do. */
@ExtendWith(PoolInvariants.class)
final class StragglerIT {
  @TempDir
  Path dir;

  @Test
  void start_oneWorkerStoppedBeforeHello_tasksRunOnTheReadyOneLongBeforeItsStartTimeout() throws Exception {
    // The first worker's shell stops itself before it becomes the worker JVM.
    List<String> command = new ArrayList<>(List.of("sh", "-c",
        "if [ ! -e \"$0\" ]; then : > \"$0\"; kill -STOP $$; fi; exec \"$@\"", dir.resolve("first").toString()));
    command.addAll(WorkerCommand.of(ProcessPoolOptions.builder().build()));
    ProcessPoolOptions options = ProcessPoolOptions.builder().workers(2).workerCommand(command)
        .startTimeout(Duration.ofSeconds(60)).stderr(new StderrLines()).build();
    long start = System.nanoTime();

    try (ProcessPool pool = PoolInvariants.start(options)) {
      List<CompletableFuture<Execution>> futures = pool.executeAll("noop", List.of(1L, 2L, 3L, 4L), 1);
      for (CompletableFuture<Execution> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }

      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertTrue(seconds < 30, "the tasks waited " + seconds + " s for the stopped worker");
      assertEquals(1, futures.stream().map(future -> future.join().worker()).distinct().count(),
          "all ran on the one ready worker");
      Processes.report("one of 2 workers stopped before its hello: 4 tasks done %d s after the start", seconds);
    }
  }
}
