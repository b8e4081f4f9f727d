package io.procpool.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connected, blocking socket channel as an input and an output stream that one thread may
 * read while another writes: each read and write is one call on the channel, which has a lock
 * for each direction. (On JDK 17 the streams of {@code java.nio.channels.Channels} take one
 * lock for both, so a write would wait for the next message to arrive.) The worker's reads do
 * not poll before they block, unlike its stdin reads: measured on this machine, polling a
 * non-blocking socket and then waiting on a selector was no faster and cost more CPU time.
 */
public final class SocketStreams {
  private SocketStreams() {}

  public static InputStream input(SocketChannel channel) {
    return new Input(channel);
  }

  public static OutputStream output(SocketChannel channel) {
    return new Output(channel);
  }

  private static final class Input extends InputStream {
    private final SocketChannel channel;
    private final byte[] one = new byte[1];

    Input(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public int read() throws IOException {
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return length == 0 ? 0 : channel.read(ByteBuffer.wrap(buffer, offset, length));
    }

    /** Closes the channel: a read waiting in another thread ends with an exception. */
    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  private static final class Output extends OutputStream {
    private final SocketChannel channel;

    Output(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      ByteBuffer source = ByteBuffer.wrap(buffer, offset, length);
      while (source.hasRemaining()) {
        channel.write(source);
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
