package io.procpool.process;

import io.procpool.protocol.LargeValues;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** The {@code pipe} transport: each worker's own stdin and stdout, nothing shared, nothing to clean. */
final class PipeEndpoint implements Endpoint {
  private final MessageStreams messages;
  private final Consumer<String> report;

  PipeEndpoint(MessageStreams messages, Consumer<String> report) {
    this.messages = messages;
    this.report = report;
  }

  @Override
  public List<String> workerArguments() {
    return List.of();
  }

  @Override
  public Connection connect(WorkerProcess process, int maxMessageBytes, Executor writers) throws IOException {
    LargeValues values = messages.values(process.process);
    return new PipeConnection(process.process, process.id, messages, values, maxMessageBytes, report, writers);
  }

  @Override
  public void close() {}
}
