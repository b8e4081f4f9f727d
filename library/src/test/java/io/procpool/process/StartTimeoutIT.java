package io.procpool.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.ProcessPoolOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A worker command that never says hello cannot hang the pool. */
@ExtendWith(PoolInvariants.class)
final class StartTimeoutIT {

  @Test
  void start_workerNeverSaysHello_failsNamingTheTimeoutAndLeavesNothing() {
    ProcessPoolOptions options = ProcessPoolOptions.builder()
        .workers(1)
        .workerCommand(List.of("sh", "-c", "sleep 30"))
        .startTimeout(Duration.ofMillis(500))
        .stderr(line -> {})
        .build();

    WorkerStartException failed = assertThrows(WorkerStartException.class, () -> PoolInvariants.start(options));

    assertTrue(failed.getMessage().contains("sent no hello within 500 ms"), failed.getMessage());
    await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.current().descendants()
        .noneMatch(process -> process.info().commandLine().orElse("").contains("sleep 30")));
  }
}
