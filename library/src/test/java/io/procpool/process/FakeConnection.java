package io.procpool.process;

import io.procpool.protocol.Message;
import java.util.ArrayList;
import java.util.List;

/** A connection that keeps what the pool sends, for unit tests without processes. */
final class FakeConnection implements Connection {
  final List<Message> queued = new ArrayList<>();
  final List<Message> written = new ArrayList<>();
  boolean outputClosed;
  int flushesSoon;

  @Override
  public void start(Listener listener) {}

  @Override
  public void send(Message message) {
    queued.add(message);
  }

  @Override
  public void closeOutput() {
    outputClosed = true;
  }

  @Override
  public void flush() {
    written.addAll(queued);
    queued.clear();
  }

  @Override
  public void flushSoon() {
    flushesSoon++;
    flush();
  }
}
