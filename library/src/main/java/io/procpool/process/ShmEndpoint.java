package io.procpool.process;

import io.procpool.shm.ShmFile;
import io.procpool.shm.ShmLayout;
import io.procpool.shm.ShmWait;
import io.procpool.worker.ShmStreams;
import io.procpool.pool.Execution;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The {@code shm} transport: a file per worker in the pool's owner-only {@link ShmDirectory},
 * created before the worker starts and named on its command line
 * ({@code --connect shm:PATH --shm-wait HOW}). Nobody connects, so there is no secret to prove:
 * only the pool's user can open the file (0600 in a 0700 directory), and a process of that user
 * could as well read the coordinator's memory.
 */
final class ShmEndpoint implements Endpoint {
  private final ShmDirectory directory;
  private final ShmWait wait;
  private final MessageStreams messages;
  /** Files made for workers being launched, by worker id, until they are connected. */
  private final Map<String, ShmFile> prepared = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The connections a waiting caller may read: every one made, until it ends. */
  private final Set<ShmConnection> connections = ConcurrentHashMap.newKeySet();

  ShmEndpoint(ShmWait wait, MessageStreams messages, Consumer<String> report) throws IOException {
    this.directory = ShmDirectory.create(report);
    this.wait = wait;
    this.messages = messages;
  }

  @Override
  public List<String> workerArguments() {
    return List.of(); // each worker's file is its own: see workerArguments(String)
  }

  @Override
  public List<String> workerArguments(String workerId) throws IOException {
    ShmFile file = directory.newFile(workerId, ShmLayout.DEFAULT_RING_CAPACITY);
    prepared.put(workerId, file);
    return List.of(ShmStreams.CONNECT_OPTION, ShmStreams.SCHEME + file.path(), ShmStreams.WAIT_OPTION,
        wait.cliName());
  }

  @Override
  public Connection connect(WorkerProcess process, int maxMessageBytes, Executor writers) throws IOException {
    ShmFile file = prepared.remove(process.id);
    if (file == null) {
      throw new IOException("no shared-memory file was made for " + process.id);
    }
    ShmConnection connection = new ShmConnection(process.process, file, process.id, messages, maxMessageBytes, wait,
        writers, connections::remove);
    if (wait == ShmWait.SPIN) {
      connections.add(connection);
    }
    return connection;
  }

  @Override
  public List<CompletableFuture<Execution>> newFutures(int count) {
    if (wait != ShmWait.SPIN) {
      return Endpoint.super.newFutures(count);
    }
    List<CompletableFuture<Execution>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      futures.add(new SpinningFuture<>(this::readArrived));
    }
    return futures;
  }

  /** One answer that has arrived on each connection no other thread is reading now. */
  private boolean readArrived() {
    boolean read = false;
    for (ShmConnection connection : connections) {
      read |= connection.readWaiting();
    }
    return read;
  }

  @Override
  public synchronized void close() {
    // Synchronized, not only once: a second caller (the pool's close beside the last worker's
    // end) must not return before the first has removed the directory.
    if (closed.compareAndSet(false, true)) {
      directory.close();
    }
  }
}
