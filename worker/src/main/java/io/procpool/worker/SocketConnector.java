package io.procpool.worker;

import io.procpool.transport.SocketStreams;
import io.procpool.transport.TransportAddress;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The worker's side of the {@code unix} and {@code tcp} transports: connects to the
 * coordinator, proves itself with the credentials line, and hands over the socket's streams,
 * which carry the same JSON lines as the pipes.
 */
final class SocketConnector {
  private SocketConnector() {}

  /**
   * Connects and sends the credentials; the hello that follows goes out in the same write.
   *
   * @param credentials the line the coordinator wrote on stdin, without its newline
   */
  static ChannelStreams connect(TransportAddress address, String credentials) throws IOException {
    SocketChannel channel = address.connect();
    // The socket's reads poll before they wait, as stdin's do: not the codec's poll, which needs available().
    SocketStreams streams = SocketStreams.of(channel, RequestLoop.POLL_BEFORE_PARKING_NANOS);
    OutputStream out = new BufferedOutputStream(streams.output(), 1 << 16);
    out.write((credentials + "\n").getBytes(StandardCharsets.UTF_8));
    return new ChannelStreams(streams.input(), out, /* pollNanos= */ 0);
  }
}
