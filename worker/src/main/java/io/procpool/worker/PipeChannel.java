package io.procpool.worker;

import io.procpool.protocol.Message;
import io.procpool.protocol.MessageInput;
import io.procpool.protocol.MessageOutput;
import java.io.IOException;

/**
 * The worker's stdin and stdout as a {@link Channel}: one JSON line per message. A socket's or
 * the shared-memory rings' streams serve the same way ({@link ChannelFactory}).
 */
public final class PipeChannel implements Channel {
  private final MessageInput reader;
  private final MessageOutput writer;
  private final boolean oneThread;

  public PipeChannel(MessageInput reader, MessageOutput writer) {
    this(reader, writer, /* oneThread= */ false);
  }

  /** @param oneThread see {@link Channel#oneThread} */
  PipeChannel(MessageInput reader, MessageOutput writer, boolean oneThread) {
    this.reader = reader;
    this.writer = writer;
    this.oneThread = oneThread;
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

  @Override
  public boolean oneThread() {
    return oneThread;
  }
}
