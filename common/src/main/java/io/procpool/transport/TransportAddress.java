package io.procpool.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * Where a worker connects, as written after {@code --connect} on its command line:
 * {@code unix:/path/to/socket} or {@code tcp:127.0.0.1:PORT}.
 *
 * @param scheme {@code unix} or {@code tcp}
 * @param socket the socket address
 */
public record TransportAddress(String scheme, SocketAddress socket) {
  public static final String UNIX = "unix";
  public static final String TCP = "tcp";

  /**
   * Parses {@code unix:PATH} or {@code tcp:HOST:PORT}.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static TransportAddress parse(String text) {
    int colon = text.indexOf(':');
    String scheme = colon < 0 ? text : text.substring(0, colon);
    String rest = colon < 0 ? "" : text.substring(colon + 1);
    if (scheme.equals(UNIX) && !rest.isEmpty()) {
      return new TransportAddress(UNIX, UnixDomainSocketAddress.of(rest));
    }
    int port = rest.lastIndexOf(':');
    if (scheme.equals(TCP) && port > 0) {
      try {
        return new TransportAddress(TCP, new InetSocketAddress(rest.substring(0, port),
            Integer.parseInt(rest.substring(port + 1))));
      } catch (IllegalArgumentException e) { // a bad number or port out of range
        throw new IllegalArgumentException("bad port in address '" + text + "'");
      }
    }
    throw new IllegalArgumentException("address '" + text + "' is neither unix:PATH nor tcp:HOST:PORT");
  }

  /** The address of a bound server socket. */
  public static TransportAddress of(SocketAddress socket) {
    return new TransportAddress(socket instanceof UnixDomainSocketAddress ? UNIX : TCP, socket);
  }

  public ProtocolFamily family() {
    return scheme.equals(UNIX) ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET;
  }

  /** Connects a blocking channel to it, with Nagle's delay off for TCP (a message is one small write). */
  public SocketChannel connect() throws IOException {
    SocketChannel channel = SocketChannel.open(family());
    try {
      noDelay(channel);
      channel.connect(socket);
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Turns Nagle's algorithm off on a TCP channel; a Unix one has none. */
  public static void noDelay(SocketChannel channel) throws IOException {
    if (channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }
  }

  /** {@code unix:PATH} or {@code tcp:HOST:PORT}, as {@link #parse} reads it. */
  @Override
  public String toString() {
    if (socket instanceof UnixDomainSocketAddress unix) {
      return UNIX + ":" + unix.getPath();
    }
    InetSocketAddress inet = (InetSocketAddress) socket;
    return TCP + ":" + inet.getAddress().getHostAddress() + ":" + inet.getPort();
  }
}
