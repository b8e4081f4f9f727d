package io.procpool.process;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.Transport;

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
    return switch (transport) {
      case PIPE -> new PipeEndpoint(options.stderr());
      case UNIX, TCP, SHM -> throw new WorkerStartException("the " + transport.label()
          + " transport is not available in this build");
    };
  }
}
