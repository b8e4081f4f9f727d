package io.procpool.process;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.shm.ShmFile;
import io.procpool.shm.ShmLayout;
import io.procpool.worker.ShmChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Shared-memory connections: a file per worker in the pool's owner-only {@link ShmDirectory},
 * created before the worker starts and named on its command line ({@code --shm=PATH}).
 */
final class ShmConnections implements ConnectionFactory {
  private final ProcessPoolOptions options;
  private final Executor writers;
  private final ShmDirectory directory;
  /** Files prepared for workers not yet connected. */
  private final Map<String, ShmFile> prepared = new ConcurrentHashMap<>();

  ShmConnections(ProcessPoolOptions options, Executor writers) throws IOException {
    this.options = options;
    this.writers = writers;
    this.directory = ShmDirectory.create(options.stderr());
  }

  @Override
  public List<String> prepare(String workerId) throws IOException {
    ShmFile file = directory.newFile(workerId, ShmLayout.DEFAULT_RING_CAPACITY);
    prepared.put(workerId, file);
    return List.of(ShmChannel.FILE_ARG + file.path(), ShmChannel.WAIT_ARG + options.shmWait().cliName());
  }

  @Override
  public Connection connect(String workerId, Process process) throws IOException {
    ShmFile file = prepared.remove(workerId);
    if (file == null) {
      throw new IllegalStateException("no shared-memory file prepared for " + workerId);
    }
    return new ShmConnection(process, file, workerId, options.maxMessageBytes(), options.shmWait(), writers);
  }

  @Override
  public void abandon(String workerId) {
    ShmFile file = prepared.remove(workerId);
    if (file != null) {
      try {
        Files.deleteIfExists(file.path());
      } catch (IOException e) {
        // the directory goes at close, with what is left in it
      }
    }
  }

  @Override
  public void close() {
    directory.close();
  }
}
