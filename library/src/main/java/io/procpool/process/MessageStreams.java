package io.procpool.process;

import io.procpool.protocol.Codec;
import io.procpool.protocol.LargeValues;
import io.procpool.protocol.MessageInput;
import io.procpool.protocol.MessageOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * How a connection makes messages of its transport's bytes: the pool's codec, and its values
 * off the line above the threshold. The same on every transport, so an experiment can vary the
 * codec or the threshold and the transport independently.
 *
 * @param offLineThreshold strings longer than this travel off the line; 0 for never
 */
record MessageStreams(Codec codec, int offLineThreshold) {

  /** This worker's large values off the line: one per connection, its files gone at its end. */
  LargeValues values(Process worker) {
    return ValueFiles.forWorker(worker.pid(), offLineThreshold);
  }

  /** The worker's messages; the pool's readers block in a read, so no polling. */
  MessageInput input(InputStream in, int maxMessageBytes, LargeValues values) {
    return values.input(codec.input(in, maxMessageBytes, /* pollNanos= */ 0));
  }

  MessageOutput output(OutputStream out, LargeValues values) throws IOException {
    return values.output(codec.output(out));
  }
}
