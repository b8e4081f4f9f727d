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
  /** The worker's argument naming the file: {@code --shm=PATH}. */
  public static final String FILE_ARG = "--shm=";
  /** The worker's argument naming the wait: {@code --shm-wait=spin|backoff|park}. */
  public static final String WAIT_ARG = "--shm-wait=";

  private final MessageReader reader;
  private final MessageWriter writer;

  ShmChannel(ShmFile file, ShmWait wait) throws IOException {
    this.reader = new MessageReader(new RingInputStream(file.requests(), wait, null), Protocol.DEFAULT_MAX_LINE_BYTES);
    this.writer = new MessageWriter(new RingOutputStream(file.answers(), wait, null));
  }

  /**
   * The channel the worker's arguments name ({@link #FILE_ARG}, optionally {@link #WAIT_ARG}).
   *
   * @throws IllegalArgumentException for arguments it does not know, with one line saying which
   * @throws IOException when the file cannot be opened as a shared-memory file
   */
  public static ShmChannel fromArgs(String[] args) throws IOException {
    String file = null;
    ShmWait wait = ShmWait.BACKOFF;
    for (String arg : args) {
      if (arg.startsWith(FILE_ARG)) {
        file = arg.substring(FILE_ARG.length());
      } else if (arg.startsWith(WAIT_ARG)) {
        wait = ShmWait.parse(arg.substring(WAIT_ARG.length()));
      } else {
        throw new IllegalArgumentException("unknown worker argument '" + arg + "'");
      }
    }
    if (file == null || file.isEmpty()) {
      throw new IllegalArgumentException("the worker needs " + FILE_ARG + "PATH");
    }
    return new ShmChannel(ShmFile.open(Path.of(file)), wait);
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
