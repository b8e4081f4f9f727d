package io.procpool.process;

import io.procpool.transport.Handshake;
import io.procpool.transport.TransportAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The {@code unix} and {@code tcp} transports: the coordinator listens, each worker connects
 * and first sends its credentials line (see {@link Handshake}). A connection without the pool's
 * secret, or for a worker not waiting to connect, is refused with one line on the pool's stderr
 * sink and is never handed a task.
 */
final class SocketEndpoint implements Endpoint {
  /** How long an accepted connection may take to send its credentials line. */
  private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

  private final ServerSocketChannel server;
  private final TransportAddress address;
  /** Null for TCP. */
  private final SocketDirectory directory;
  private final Consumer<String> report;
  private final MessageStreams messages;
  private final String secret = Handshake.newSecret();
  /** Launched workers not yet connected, by id; a worker is admitted once. */
  private final Map<String, CompletableFuture<SocketChannel>> waiting = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private SocketEndpoint(ServerSocketChannel server, SocketDirectory directory, MessageStreams messages,
      Consumer<String> report) throws IOException {
    this.server = server;
    this.messages = messages;
    this.address = TransportAddress.of(server.getLocalAddress());
    this.directory = directory;
    this.report = report;
    Thread acceptor = new Thread(this::accept, "procpool-accept-" + address.scheme());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Listens on a socket file in a fresh owner-only directory under {@code base}. */
  static SocketEndpoint unix(Path base, MessageStreams messages, Consumer<String> report) throws IOException {
    SocketDirectory directory = SocketDirectory.create(base);
    try {
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(directory.socket()));
      return new SocketEndpoint(server, directory, messages, report);
    } catch (IOException | RuntimeException e) {
      directory.delete();
      throw e;
    }
  }

  /** Listens on an ephemeral port of the loopback address, never on another interface. */
  static SocketEndpoint tcp(MessageStreams messages, Consumer<String> report) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new SocketEndpoint(server, null, messages, report);
  }

  TransportAddress address() {
    return address;
  }

  @Override
  public List<String> workerArguments() {
    return List.of(Handshake.CONNECT_OPTION, address.toString());
  }

  @Override
  public Connection connect(WorkerProcess process, int maxMessageBytes, Executor writers) throws IOException {
    CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
    waiting.put(process.id, accepted); // before the secret is sent: the worker cannot connect sooner
    try {
      OutputStream stdin = process.process.getOutputStream();
      stdin.write((Handshake.credentials(secret, process.id) + "\n").getBytes(StandardCharsets.US_ASCII));
      stdin.flush();
    } catch (IOException e) {
      waiting.remove(process.id, accepted); // it died at once; the launch fails
      throw e;
    }
    return new SocketConnection(process, accepted, messages, maxMessageBytes, report, writers,
        () -> waiting.remove(process.id, accepted));
  }

  private void accept() {
    while (!closed.get()) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (IOException e) {
        if (!closed.get()) {
          report.accept("procpool: stopped accepting workers on " + address + ": " + e.getMessage());
        }
        return;
      }
      // Its own thread: a peer that connects and says nothing must not hold up the workers.
      Thread admit = new Thread(() -> admit(channel), "procpool-handshake");
      admit.setDaemon(true);
      admit.start();
    }
  }

  /** Reads the credentials line and hands the channel to its worker, or refuses it. */
  private void admit(SocketChannel channel) {
    AtomicBoolean decided = new AtomicBoolean();
    CompletableFuture.delayedExecutor(HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
      if (decided.compareAndSet(false, true)) {
        refuse(channel, "no credentials line within " + HANDSHAKE_TIMEOUT_MILLIS + " ms");
      }
    });
    String line;
    try {
      InputStream in = Channels.newInputStream(channel); // blocking, and nobody writes meanwhile
      line = Handshake.readLine(in);
    } catch (IOException e) {
      if (decided.compareAndSet(false, true)) {
        refuse(channel, e.getMessage());
      }
      return;
    }
    if (!decided.compareAndSet(false, true)) {
      return; // timed out and refused already
    }
    int space = line.indexOf(' ');
    String given = space < 0 ? line : line.substring(0, space);
    String id = space < 0 ? "" : line.substring(space + 1);
    if (!Handshake.secretMatches(secret, given)) {
      refuse(channel, "without the pool's secret");
      return;
    }
    CompletableFuture<SocketChannel> worker = waiting.remove(id);
    if (worker == null) {
      refuse(channel, "for worker '" + id + "', which is not waiting to connect");
      return;
    }
    try {
      TransportAddress.noDelay(channel);
    } catch (IOException e) {
      // the option is a speed-up only
    }
    if (!worker.complete(channel)) {
      close(channel); // the worker was given up on meanwhile
    }
  }

  private void refuse(SocketChannel channel, String why) {
    report.accept("procpool: refused a connection on " + address + ": " + why);
    close(channel);
  }

  private static void close(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing is all that was wanted
    }
  }

  /** Synchronized: a second caller (the pool's close after its last worker's end) returns once all is removed. */
  @Override
  public synchronized void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      // the listening socket is gone either way
    }
    waiting.values().forEach(worker -> worker.completeExceptionally(new IOException("the pool ended")));
    if (directory != null) {
      directory.delete();
    }
  }
}
