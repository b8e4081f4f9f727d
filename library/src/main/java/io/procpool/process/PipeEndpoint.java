package io.procpool.process;

import io.procpool.protocol.Codec;
import io.procpool.protocol.LargeValues;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** The {@code pipe} transport: each worker's own stdin and stdout, nothing shared, nothing to clean. */
final class PipeEndpoint implements Endpoint {
  private final Codec codec;
  private final int offLineThreshold;
  private final Consumer<String> report;

  /** @param offLineThreshold strings longer than this travel off the line; 0 for never */
  PipeEndpoint(Codec codec, int offLineThreshold, Consumer<String> report) {
    this.codec = codec;
    this.offLineThreshold = offLineThreshold;
    this.report = report;
  }

  @Override
  public List<String> workerArguments() {
    return List.of();
  }

  @Override
  public Connection connect(WorkerProcess process, int maxMessageBytes, Executor writers) throws IOException {
    LargeValues values = ValueFiles.forWorker(process.process.pid(), offLineThreshold);
    return new PipeConnection(process.process, process.id, codec, values, maxMessageBytes, report, writers);
  }

  @Override
  public void close() {}
}
