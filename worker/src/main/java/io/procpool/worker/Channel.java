package io.procpool.worker;

import io.procpool.protocol.Message;
import java.io.IOException;

/**
 * The worker's side of its channel to the coordinator: requests in, answers out. The request
 * loop knows nothing of the bytes beneath; {@link PipeChannel} (stdin and stdout, JSON lines)
 * is the first implementation, and a socket or shared-memory transport is another.
 */
public interface Channel {
  /**
   * The next message, or null once the coordinator has closed its end.
   *
   * @throws io.procpool.protocol.ProtocolException for something that is not a message
   * @throws IOException when reading fails: the coordinator is gone
   */
  Message receive() throws IOException;

  /**
   * Sends one message and sees it on its way (an answer must not wait behind the next task).
   *
   * @throws IOException when the coordinator can no longer be reached
   */
  void send(Message message) throws IOException;

  /**
   * Whether to read, run and answer on one thread: true where reading spins (the {@code shm}
   * transport's {@code spin} wait), so that a second thread would only take a core, and where
   * {@link #send} keeps draining the requests while it waits for room, so that a full channel
   * each way cannot stall both sides.
   */
  default boolean oneThread() {
    return false;
  }
}
