package io.procpool.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A connected socket channel, switched to non-blocking mode, as a pair of streams for either
 * end: a read that finds nothing polls, yielding the CPU, for a moment before it waits on a
 * selector, as the worker's stdin reader polls before it blocks. A thread woken from a blocking
 * read costs a kernel wake-up; one still polling when the message arrives does not. Measured
 * with {@code overhead --transports pipe,unix,tcp} (docs/benchmarks.md, "The IPC laboratory,
 * second pass"): polling on the worker's side alone left unix's one-in-flight round trip some
 * 5 µs behind pipe's; polling on both sides brought it level at load 12-16 (at load 7-9 it
 * was some 7 µs behind again). One thread may read while another writes: each direction has
 * its own selector, and the channel a lock for each direction (the JDK 17 streams of
 * {@code java.nio.channels.Channels} take one lock for both).
 */
public final class SocketStreams {
  private final SocketChannel channel;
  private final long pollNanos;
  private final Selector readable;
  private final Selector writable;

  private SocketStreams(SocketChannel channel, long pollNanos) throws IOException {
    this.channel = channel;
    this.pollNanos = pollNanos;
    channel.configureBlocking(false);
    this.readable = Selector.open();
    this.writable = Selector.open();
    channel.register(readable, SelectionKey.OP_READ);
    channel.register(writable, SelectionKey.OP_WRITE);
  }

  /**
   * @param pollNanos how long a read that finds nothing polls before it waits on the selector
   * @throws IOException when the channel cannot be made non-blocking or watched
   */
  public static SocketStreams of(SocketChannel channel, long pollNanos) throws IOException {
    return new SocketStreams(channel, pollNanos);
  }

  public InputStream input() {
    return new Input();
  }

  public OutputStream output() {
    return new Output();
  }

  /** Waits until the selector sees its one key ready. */
  private static void await(Selector selector) throws IOException {
    selector.select();
    selector.selectedKeys().clear();
  }

  private final class Input extends InputStream {
    private final byte[] one = new byte[1];

    @Override
    public int read() throws IOException {
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
      int n = channel.read(target);
      if (n != 0) {
        return n;
      }
      long deadline = System.nanoTime() + pollNanos;
      while (System.nanoTime() < deadline) {
        Thread.yield();
        n = channel.read(target);
        if (n != 0) {
          return n;
        }
      }
      while (n == 0) {
        await(readable);
        n = channel.read(target);
      }
      return n;
    }

    /** Closes the channel: a read waiting in another thread ends with an exception. */
    @Override
    public void close() throws IOException {
      channel.close();
      readable.wakeup(); // a closed channel's key may never be selected: the waiting read looks again
      writable.wakeup();
    }
  }

  private final class Output extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    /** Writes it all; when the socket's buffer is full, waits for room (a large answer). */
    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      ByteBuffer source = ByteBuffer.wrap(buffer, offset, length);
      while (source.hasRemaining()) {
        if (channel.write(source) == 0) {
          await(writable);
        }
      }
    }

    /** Ends the output: the peer reads the end of input, and can still send. */
    @Override
    public void close() throws IOException {
      if (channel.isOpen()) {
        channel.shutdownOutput();
      }
    }
  }
}
