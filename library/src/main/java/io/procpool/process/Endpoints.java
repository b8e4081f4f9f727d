package io.procpool.process;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.Transport;
import java.io.IOException;
import java.nio.file.Path;

/** The one place that maps a {@link Transport} to its {@link Endpoint}. */
final class Endpoints {
  private Endpoints() {}

  /**
   * Opens the pool's end of its transport.
   *
   * @throws WorkerStartException when the transport cannot be opened here
   */
  static Endpoint open(ProcessPoolOptions options) {
    Transport transport = options.transport();
    try {
      return switch (transport) {
        case PIPE -> new PipeEndpoint(messages(options), options.stderr());
        case UNIX -> SocketEndpoint.unix(Path.of(System.getProperty("java.io.tmpdir")), messages(options),
            options.stderr());
        case TCP -> SocketEndpoint.tcp(messages(options), options.stderr());
        case SHM -> new ShmEndpoint(options.shmWait(), messages(options), options.stderr());
      };
    } catch (IOException e) {
      throw new WorkerStartException("cannot open the " + transport.label() + " transport: " + e.getMessage());
    }
  }

  private static MessageStreams messages(ProcessPoolOptions options) {
    return new MessageStreams(options.codec(), options.offLineThreshold());
  }
}
