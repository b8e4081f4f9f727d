package io.procpool.worker;

import io.procpool.protocol.LargeValues;
import io.procpool.protocol.MessageInput;
import io.procpool.protocol.MessageOutput;
import io.procpool.protocol.Protocol;
import io.procpool.transport.Handshake;
import io.procpool.transport.TransportAddress;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Picks the worker's {@link Channel} from its command line: stdin and stdout by default, a
 * socket with {@code --connect unix:PATH} or {@code --connect tcp:HOST:PORT}, shared-memory
 * rings with {@code --connect shm:PATH [--shm-wait HOW]}; then the codec and values off the line,
 * the same on every transport. The one place a new transport is added on the worker's side.
 */
final class ChannelFactory {
  private ChannelFactory() {}

  /**
   * @param protocolOut the real stdout, claimed for the protocol
   * @param parentPid the coordinator's pid, which names its off-the-line files
   * @throws IllegalArgumentException for an address it cannot use
   */
  static Channel open(WorkerArguments arguments, OutputStream protocolOut, long parentPid) throws IOException {
    ChannelStreams streams = streams(arguments, protocolOut);
    MessageInput input = arguments.codec.input(streams.in(), Protocol.DEFAULT_MAX_LINE_BYTES, streams.pollNanos());
    MessageOutput output = arguments.codec.output(streams.out());
    LargeValues offLine = arguments.offLine(parentPid);
    if (offLine != null) {
      input = offLine.input(input);
      output = offLine.output(output);
    }
    return new PipeChannel(input, output, streams.oneThread());
  }

  /** The transport's bytes: the codec and values off the line are the same on every one. */
  private static ChannelStreams streams(WorkerArguments arguments, OutputStream protocolOut) throws IOException {
    String connect = arguments.connect;
    if (connect == null) {
      return new ChannelStreams(ProtocolStreams.stdin(), protocolOut, RequestLoop.POLL_BEFORE_PARKING_NANOS);
    }
    if (connect.startsWith(ShmStreams.SCHEME)) {
      return ShmStreams.open(connect, arguments.shmWait); // owner-only file, nobody connects: no secret
    }
    TransportAddress address = TransportAddress.parse(connect);
    // The secret comes on stdin, never on the command line (which /proc shows to everyone).
    String credentials = Handshake.readLine(ProtocolStreams.stdin());
    return SocketConnector.connect(address, credentials);
  }
}
