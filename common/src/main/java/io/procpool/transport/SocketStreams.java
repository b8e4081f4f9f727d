package io.procpool.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A connected socket channel as an input and an output stream that one thread may read while
 * another writes. The channel is put in non-blocking mode, and each stream waits on a selector
 * of its own: on JDK 17 the streams of {@code java.nio.channels.Channels} lock the channel for
 * a whole blocking read, so a write would wait for the next message to arrive. The input also
 * polls for a moment before it waits, as the worker's stdin reader does (see
 * {@code RequestLoop.POLL_BEFORE_PARKING_NANOS}).
 */
public final class SocketStreams {
  private SocketStreams() {}

  /**
   * Puts the channel in non-blocking mode; call once, before {@link #input} and {@link #output}.
   */
  public static void prepare(SocketChannel channel) throws IOException {
    channel.configureBlocking(false);
  }

  /** @param pollNanos how long a read that finds nothing yields and retries before it waits on the selector */
  public static InputStream input(SocketChannel channel, long pollNanos) throws IOException {
    return new Input(channel, Selector.open(), pollNanos);
  }

  public static OutputStream output(SocketChannel channel) throws IOException {
    return new Output(channel, Selector.open());
  }

  /** Waits until the key's operation is ready; false once the selector was closed. */
  private static boolean await(Selector selector) throws IOException {
    try {
      selector.select();
      selector.selectedKeys().clear();
      return true;
    } catch (ClosedSelectorException e) {
      return false;
    }
  }

  private static final class Input extends InputStream {
    private final SocketChannel channel;
    private final Selector selector;
    private final long pollNanos;
    private final byte[] one = new byte[1];

    Input(SocketChannel channel, Selector selector, long pollNanos) throws IOException {
      this.channel = channel;
      this.selector = selector;
      this.pollNanos = pollNanos;
      channel.register(selector, SelectionKey.OP_READ);
    }

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
      int read = channel.read(target);
      if (read == 0 && pollNanos > 0) {
        long deadline = System.nanoTime() + pollNanos;
        do {
          Thread.yield();
          read = channel.read(target);
        } while (read == 0 && System.nanoTime() < deadline);
      }
      while (read == 0) {
        if (!await(selector)) {
          return -1; // closed by this side
        }
        read = channel.read(target);
      }
      return read < 0 ? -1 : read;
    }

    /** Wakes a waiting read (it returns the end of input) and closes the channel. */
    @Override
    public void close() throws IOException {
      selector.close();
      channel.close();
    }
  }

  private static final class Output extends OutputStream {
    private final SocketChannel channel;
    private final Selector selector;

    Output(SocketChannel channel, Selector selector) throws IOException {
      this.channel = channel;
      this.selector = selector;
      channel.register(selector, SelectionKey.OP_WRITE);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      ByteBuffer source = ByteBuffer.wrap(buffer, offset, length);
      while (source.hasRemaining()) {
        if (channel.write(source) == 0 && !await(selector)) {
          throw new IOException("the connection was closed");
        }
      }
    }

    /** Ends the output: the peer reads the end of input, and can still send. */
    @Override
    public void close() throws IOException {
      if (channel.isOpen()) {
        channel.shutdownOutput();
      }
      selector.close();
    }
  }
}
