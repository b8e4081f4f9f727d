package io.procpool.worker;

import io.procpool.protocol.MessageReader;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.Protocol;
import io.procpool.shm.ShmWait;
import io.procpool.transport.Handshake;
import io.procpool.transport.TransportAddress;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Picks the worker's {@link Channel} from its command line: stdin and stdout by default, a
 * socket with {@code --connect unix:PATH} or {@code --connect tcp:HOST:PORT}, shared-memory
 * rings with {@code --connect shm:PATH [--shm-wait HOW]}. The one place a
 * new transport is added on the worker's side.
 */
final class ChannelFactory {
  private ChannelFactory() {}

  /**
   * @param protocolOut the real stdout, claimed for the protocol
   * @throws IllegalArgumentException for arguments it does not understand
   */
  static Channel open(String[] args, OutputStream protocolOut) throws IOException {
    String connect = null;
    String shmWait = ShmWait.BACKOFF.cliName();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(Handshake.CONNECT_OPTION) && i + 1 < args.length) {
        connect = args[++i];
      } else if (args[i].equals(ShmChannel.WAIT_OPTION) && i + 1 < args.length) {
        shmWait = args[++i];
      } else {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "'; the only one is "
            + Handshake.CONNECT_OPTION + " unix:PATH|tcp:HOST:PORT|shm:PATH (with " + ShmChannel.WAIT_OPTION
            + " spin|backoff|park)");
      }
    }
    if (connect == null) {
      return new PipeChannel(
          new MessageReader(ProtocolStreams.stdin(), Protocol.DEFAULT_MAX_LINE_BYTES,
              RequestLoop.POLL_BEFORE_PARKING_NANOS),
          new MessageWriter(protocolOut));
    }
    if (connect.startsWith(ShmChannel.SCHEME)) {
      return ShmChannel.open(connect, shmWait); // owner-only file, nobody connects: no secret
    }
    TransportAddress address = TransportAddress.parse(connect);
    // The secret comes on stdin, never on the command line (which /proc shows to everyone).
    String credentials = Handshake.readLine(ProtocolStreams.stdin());
    return SocketConnector.connect(address, credentials);
  }
}
