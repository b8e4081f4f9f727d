package io.procpool.worker;

import io.procpool.shm.RingInputStream;
import io.procpool.shm.RingOutputStream;
import io.procpool.shm.ShmFile;
import io.procpool.shm.ShmWait;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The coordinator's shared-memory file as the worker's {@link ChannelStreams}: requests from one
 * ring, answers into the other, the same JSON lines as on a pipe. The rings cannot tell that the
 * coordinator died; the parent watch does, and ends this process.
 */
public final class ShmStreams {
  /** The worker's option naming where to connect, shared with the socket transports. */
  public static final String CONNECT_OPTION = "--connect";
  /** The address prefix of a shared-memory file: {@code --connect shm:PATH}. */
  public static final String SCHEME = "shm:";
  /** The worker's option naming the wait: {@code --shm-wait spin|backoff|park}. */
  public static final String WAIT_OPTION = "--shm-wait";

  private ShmStreams() {}

  /**
   * The streams of a file the coordinator laid out; the rings wait their own way, so the
   * reader does not poll before it reads. With {@code spin} the worker serves on one thread,
   * and an answer that waits for room reads the requests ahead meanwhile.
   *
   * @param address {@code shm:PATH}
   * @param wait {@code spin}, {@code backoff} or {@code park}
   * @throws IllegalArgumentException for a wait it does not know
   * @throws IOException when the file cannot be opened as a shared-memory file
   */
  static ChannelStreams open(String address, String wait) throws IOException {
    ShmWait parsed = ShmWait.parse(wait);
    ShmFile file = ShmFile.open(Path.of(address.substring(SCHEME.length())));
    RingInputStream requests = new RingInputStream(file.requests(), parsed, null);
    if (parsed != ShmWait.SPIN) {
      return new ChannelStreams(requests, new RingOutputStream(file.answers(), parsed, null), /* pollNanos= */ 0);
    }
    return new ChannelStreams(requests, new RingOutputStream(file.answers(), parsed, null, new ReadAhead(requests)),
        /* pollNanos= */ 0, /* oneThread= */ true);
  }

  /** Drains the requests ring while an answer waits for room (a class, not a lambda: see WorkerMain). */
  private static final class ReadAhead implements Runnable {
    private final RingInputStream requests;

    ReadAhead(RingInputStream requests) {
      this.requests = requests;
    }

    @Override
    public void run() {
      requests.readAhead();
    }
  }
}
