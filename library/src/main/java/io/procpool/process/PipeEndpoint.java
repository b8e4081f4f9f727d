package io.procpool.process;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** The {@code pipe} transport: each worker's own stdin and stdout, nothing shared, nothing to clean. */
final class PipeEndpoint implements Endpoint {
  private final Consumer<String> report;

  PipeEndpoint(Consumer<String> report) {
    this.report = report;
  }

  @Override
  public List<String> workerArguments() {
    return List.of();
  }

  @Override
  public Connection connect(WorkerProcess process, int maxMessageBytes, Executor writers) throws IOException {
    return new PipeConnection(process.process, process.id, maxMessageBytes, report, writers);
  }

  @Override
  public void close() {}
}
