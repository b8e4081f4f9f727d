package io.procpool.process;

import io.procpool.pool.ProcessPoolOptions;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Opens the pool's connection to each worker on the pool's transport: what the worker must be
 * told on its command line before it starts, and the connection once it has. Called outside the
 * pool's lock.
 */
interface ConnectionFactory extends AutoCloseable {

  /** The factory for these options' transport; may create the pool's shared-memory directory. */
  static ConnectionFactory of(ProcessPoolOptions options, Executor writers) throws IOException {
    switch (options.transport()) {
      case PIPE:
        return new PipeConnections(options, writers);
      case SHM:
        return new ShmConnections(options, writers);
      default:
        throw new AssertionError(options.transport());
    }
  }

  /** Prepares a worker's end of the channel; returns the arguments that tell the worker where it is. */
  List<String> prepare(String workerId) throws IOException;

  /** The connection to a worker started with {@link #prepare}'s arguments. */
  Connection connect(String workerId, Process process) throws IOException;

  /** Gives up what {@link #prepare} made for a worker that could not be started. */
  void abandon(String workerId);

  /** Removes what the transport left behind; called once every worker has exited. */
  @Override
  void close();

  /** The worker's stdin and stdout: nothing to prepare, nothing to remove. */
  final class PipeConnections implements ConnectionFactory {
    private final ProcessPoolOptions options;
    private final Executor writers;

    PipeConnections(ProcessPoolOptions options, Executor writers) {
      this.options = options;
      this.writers = writers;
    }

    @Override
    public List<String> prepare(String workerId) {
      return List.of();
    }

    @Override
    public Connection connect(String workerId, Process process) throws IOException {
      return new PipeConnection(process, workerId, options.maxMessageBytes(), options.stderr(), writers);
    }

    @Override
    public void abandon(String workerId) {}

    @Override
    public void close() {}
  }
}
