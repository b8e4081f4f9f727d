package io.procpool.experiments;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The kernel's share of a round trip on each socket-like transport: two threads of one JVM
 * bounce 100 bytes over a pair of pipes, a Unix socket and a loopback TCP socket (blocking
 * channels, TCP_NODELAY), 50000 times after as many for warm-up, three rounds alternating.
 * Prints the p50 and p90 per transport and round. No JSON, no worker, no pool: what is left
 * of procpool's round trip once this is taken away is procpool's (docs/benchmarks.md,
 * "The IPC laboratory, second pass").
 */
public final class KernelPingPong {
  private static final int ROUND_TRIPS = 50_000;
  private static final int MESSAGE_BYTES = 100;

  private KernelPingPong() {}

  public static void main(String[] args) throws Exception {
    for (int round = 1; round <= 3; round++) {
      for (String transport : List.of("pipe", "unix", "tcp")) {
        long[] nanos = measure(transport);
        Arrays.sort(nanos);
        System.out.printf("round %d %-4s p50 %.1f us p90 %.1f us%n", round, transport,
            nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 9 / 10] / 1e3);
      }
    }
  }

  /** The recorded round trips, in nanoseconds. */
  private static long[] measure(String transport) throws Exception {
    ReadableByteChannel[] in = new ReadableByteChannel[2];
    WritableByteChannel[] out = new WritableByteChannel[2];
    if (transport.equals("pipe")) {
      Pipe there = Pipe.open();
      Pipe back = Pipe.open();
      out[0] = there.sink();
      in[1] = there.source();
      out[1] = back.sink();
      in[0] = back.source();
    } else {
      SocketChannel[] pair = socketPair(transport.equals("unix"));
      in[0] = pair[0];
      out[0] = pair[0];
      in[1] = pair[1];
      out[1] = pair[1];
    }
    Thread echo = new Thread(() -> {
      ByteBuffer buffer = ByteBuffer.allocate(MESSAGE_BYTES);
      try {
        for (int i = 0; i < 2 * ROUND_TRIPS; i++) {
          buffer.clear();
          exchange(buffer, in[1], null);
          buffer.flip();
          exchange(buffer, null, out[1]);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    echo.start();
    ByteBuffer buffer = ByteBuffer.allocate(MESSAGE_BYTES);
    long[] nanos = new long[ROUND_TRIPS];
    for (int i = 0; i < 2 * ROUND_TRIPS; i++) {
      long start = System.nanoTime();
      buffer.clear();
      exchange(buffer, null, out[0]);
      buffer.clear();
      exchange(buffer, in[0], null);
      if (i >= ROUND_TRIPS) {
        nanos[i - ROUND_TRIPS] = System.nanoTime() - start;
      }
    }
    echo.join();
    for (Object channel : List.of(in[0], in[1], out[0], out[1])) {
      ((java.nio.channels.Channel) channel).close();
    }
    return nanos;
  }

  /** Reads until the buffer is full, or writes until it is empty. */
  private static void exchange(ByteBuffer buffer, ReadableByteChannel from, WritableByteChannel to)
      throws IOException {
    while (buffer.hasRemaining()) {
      if (from != null) {
        if (from.read(buffer) < 0) {
          throw new IOException("the other end closed");
        }
      } else {
        to.write(buffer);
      }
    }
  }

  /** A connected pair: a Unix socket in a fresh temporary directory, or loopback TCP without Nagle. */
  private static SocketChannel[] socketPair(boolean unix) throws IOException {
    Path directory = unix ? Files.createTempDirectory("ping-pong") : null;
    try (ServerSocketChannel server = ServerSocketChannel.open(
        unix ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET)) {
      server.bind(unix ? UnixDomainSocketAddress.of(directory.resolve("s"))
          : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      SocketChannel client = SocketChannel.open(server.getLocalAddress());
      SocketChannel accepted = server.accept();
      if (!unix) {
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
      }
      return new SocketChannel[] {client, accepted};
    } finally {
      if (directory != null) {
        Files.deleteIfExists(directory.resolve("s")); // the connected pair needs no name
        Files.delete(directory);
      }
    }
  }
}
