package io.procpool.worker;

import io.procpool.protocol.Message;
import io.procpool.protocol.MessageReader;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.Protocol;
import io.procpool.shm.RingInputStream;
import io.procpool.shm.RingOutputStream;
import io.procpool.shm.ShmFile;
import io.procpool.shm.ShmWait;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The coordinator's shared-memory file as a {@link Channel}: requests from one ring, answers
 * into the other, the same JSON lines as on a pipe. The rings cannot tell that the coordinator
 * died; the parent watch does, and ends this process.
 */
public final class ShmChannel implements Channel {
  /** The worker's option naming where to connect, shared with the socket transports. */
  public static final String CONNECT_OPTION = "--connect";
  /** The address prefix of a shared-memory file: {@code --connect shm:PATH}. */
  public static final String SCHEME = "shm:";
  /** The worker's option naming the wait: {@code --shm-wait spin|backoff|park}. */
  public static final String WAIT_OPTION = "--shm-wait";

  private final MessageReader reader;
  private final MessageWriter writer;

  ShmChannel(ShmFile file, ShmWait wait) throws IOException {
    this.reader = new MessageReader(new RingInputStream(file.requests(), wait, null), Protocol.DEFAULT_MAX_LINE_BYTES);
    this.writer = new MessageWriter(new RingOutputStream(file.answers(), wait, null));
  }

  /**
   * The channel of a file the coordinator laid out.
   *
   * @param address {@code shm:PATH}
   * @param wait {@code spin}, {@code backoff} or {@code park}
   * @throws IllegalArgumentException for a wait it does not know
   * @throws IOException when the file cannot be opened as a shared-memory file
   */
  public static ShmChannel open(String address, String wait) throws IOException {
    ShmWait parsed = ShmWait.parse(wait);
    return new ShmChannel(ShmFile.open(Path.of(address.substring(SCHEME.length()))), parsed);
  }

  @Override
  public Message receive() throws IOException {
    return reader.read();
  }

  @Override
  public void send(Message message) throws IOException {
    writer.write(message);
    writer.flush();
  }
}
