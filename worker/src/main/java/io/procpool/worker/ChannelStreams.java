package io.procpool.worker;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The bytes of one transport before a codec makes messages of them: what {@link ChannelFactory}
 * gets from a transport, so that the codec and values off the line are chosen once for all.
 *
 * @param in the coordinator's requests
 * @param out where answers go, buffered: a message is written in pieces and flushed whole
 * @param pollNanos how long the reader polls for input before it blocks in a read; 0 when the
 *     stream cannot tell what is ready, or waits its own way
 * @param oneThread whether the worker reads and answers on one thread ({@link Channel#oneThread})
 */
record ChannelStreams(InputStream in, OutputStream out, long pollNanos, boolean oneThread) {

  /** Streams served by a reader thread and a task thread, as on a pipe. */
  ChannelStreams(InputStream in, OutputStream out, long pollNanos) {
    this(in, out, pollNanos, /* oneThread= */ false);
  }
}
