package io.procpool.process;

import io.procpool.protocol.Message;

/**
 * A connection whose sending is its {@link Outbox}'s: every transport queues, flushes and closes
 * its output the same way and differs only in the stream beneath and in how it reads.
 */
abstract class OutboxConnection implements Connection {

  /** Where this connection's messages wait for their write. */
  abstract Outbox outbox();

  @Override
  public final void send(Message message) {
    outbox().send(message);
  }

  @Override
  public final void closeOutput() {
    outbox().closeOutput();
  }

  @Override
  public final void flush() {
    outbox().flush();
  }

  @Override
  public final void flushSoon() {
    outbox().flushSoon();
  }
}
