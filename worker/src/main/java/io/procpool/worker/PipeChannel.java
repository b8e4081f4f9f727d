package io.procpool.worker;

import io.procpool.protocol.Message;
import io.procpool.protocol.MessageReader;
import io.procpool.protocol.MessageWriter;
import java.io.IOException;

/**
 * The worker's stdin and stdout as a {@link Channel}: one JSON line per message. A socket's
 * streams serve the same way ({@link SocketConnector}).
 */
public final class PipeChannel implements Channel {
  private final MessageReader reader;
  private final MessageWriter writer;

  public PipeChannel(MessageReader reader, MessageWriter writer) {
    this.reader = reader;
    this.writer = writer;
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
