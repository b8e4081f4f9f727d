package io.procpool.process;

import io.procpool.protocol.Message;
import io.procpool.protocol.MessageInput;
import io.procpool.protocol.ProtocolException;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/** The read loop of every transport: what differs between them is how the bytes arrive and end. */
final class MessagePump {
  private MessagePump() {}

  /**
   * Hands each message to the listener until the input ends, the listener gives up on a bad
   * line, or {@code ended} says the connection ended; an I/O failure is the caller's to report.
   */
  static void pump(MessageInput messages, Connection.Listener listener, BooleanSupplier ended) throws IOException {
    while (!ended.getAsBoolean()) {
      Message message;
      try {
        message = messages.read();
      } catch (ProtocolException bad) {
        if (listener.onBadLine(bad)) {
          continue;
        }
        return;
      }
      if (message == null) {
        return;
      }
      listener.onMessage(message, messages.hasBuffered());
    }
  }
}
