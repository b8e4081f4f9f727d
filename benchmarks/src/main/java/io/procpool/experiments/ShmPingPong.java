package io.procpool.experiments;

import io.procpool.shm.RingInputStream;
import io.procpool.shm.RingOutputStream;
import io.procpool.shm.ShmFile;
import io.procpool.shm.ShmLayout;
import io.procpool.shm.ShmWait;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The floor of procpool's {@code shm} round trip: this JVM and a child JVM bounce a 100-byte
 * message over the ring pair of one {@link ShmFile}, the file procpool's pool and worker share,
 * one thread on each side and nothing else: no JSON, no pool, no hand-off between threads.
 * Variants, alternated in each round:
 *
 * <ul>
 *   <li>{@code busy}: raw records, both sides in a pure busy spin (Agrona's
 *       {@code BusySpinIdleStrategy}); a core each.
 *   <li>{@code spin}: raw records, both sides wait as procpool's {@code --shm-wait spin} does
 *       (1000 spins, then a yield between looks).
 *   <li>{@code streams}: {@code spin}, through procpool's byte layer ({@link RingOutputStream},
 *       {@link RingInputStream}) as the pool and the worker use it.
 * </ul>
 *
 * Run as {@code java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp
 * benchmarks/target/benchmarks.jar io.procpool.experiments.ShmPingPong [ROUNDS [ROUND_TRIPS]]}
 * (defaults 3 and 200000, after as many for warm-up). Prints p50, p90 and p99 per variant and
 * round. The file lives in an owner-only directory under {@code /dev/shm}, removed at the end;
 * the child exits when its input ends or this JVM is gone.
 */
public final class ShmPingPong {
  private static final int MESSAGE_BYTES = 100;
  private static final String CHILD = "child";
  private static final List<String> VARIANTS = List.of("busy", "spin", "streams");

  private ShmPingPong() {}

  public static void main(String[] args) throws Exception {
    ShmFile.requireAccess();
    if (args.length > 0 && args[0].equals(CHILD)) {
      echo(ShmFile.open(Path.of(args[1])), args[2]);
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int roundTrips = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    Path base = Files.isWritable(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
    Path directory = Files.createTempDirectory(base, "procpool-pingpong-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      for (int round = 1; round <= rounds; round++) {
        for (String variant : VARIANTS) {
          long[] nanos = measure(directory.resolve(variant + "-" + round + ".ring"), variant, roundTrips);
          Arrays.sort(nanos);
          System.out.printf("round %d %-7s p50 %.2f us p90 %.2f us p99 %.2f us%n", round, variant,
              percentile(nanos, 50), percentile(nanos, 90), percentile(nanos, 99));
        }
      }
    } finally {
      try (var files = Files.list(directory)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.delete(directory);
    }
  }

  private static double percentile(long[] sorted, int percent) {
    return sorted[(int) ((long) sorted.length * percent / 100)] / 1e3;
  }

  /** One child, one variant: the recorded round trips in nanoseconds. */
  private static long[] measure(Path path, String variant, int roundTrips) throws Exception {
    Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    ShmFile file = ShmFile.create(path, ShmLayout.DEFAULT_RING_CAPACITY);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, ShmFile.JVM_OPTION, "-cp", System.getProperty("java.class.path"),
        ShmPingPong.class.getName(), CHILD, path.toString(), variant)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      Side side = Side.of(variant, file.answers(), file.requests(), child.toHandle());
      long[] nanos = new long[roundTrips];
      byte[] message = new byte[MESSAGE_BYTES];
      for (int i = 0; i < 2 * roundTrips; i++) {
        long start = System.nanoTime();
        side.send(message);
        if (!side.receive(message)) {
          throw new IOException("the echoing child ended early");
        }
        if (i >= roundTrips) {
          nanos[i - roundTrips] = System.nanoTime() - start;
        }
      }
      side.end();
      if (child.waitFor() != 0) {
        throw new IllegalStateException("the echoing child failed with status " + child.exitValue());
      }
      return nanos;
    } finally {
      child.destroyForcibly();
      Files.deleteIfExists(path);
    }
  }

  /** The child: echoes every message until the end record, or until its parent is gone. */
  private static void echo(ShmFile file, String variant) throws IOException {
    ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
    Side side = Side.of(variant, file.requests(), file.answers(), parent);
    byte[] message = new byte[MESSAGE_BYTES];
    while (side.receive(message)) {
      side.send(message);
    }
  }

  /** One end of the ring pair, one thread. */
  private abstract static class Side {
    /** Sends one message. */
    abstract void send(byte[] message) throws IOException;

    /** Fills {@code message}; false at the end record. Fails once the other side is gone. */
    abstract boolean receive(byte[] message) throws IOException;

    /** Writes the end record. */
    abstract void end() throws IOException;

    static Side of(String variant, RingBuffer in, RingBuffer out, ProcessHandle peer) {
      PeerGone gone = new PeerGone(peer);
      return switch (variant) {
        case "busy" -> new Records(in, out, new BusySpinIdleStrategy(), new BusySpinIdleStrategy(), gone);
        case "spin" -> new Records(in, out, ShmWait.SPIN.newIdleStrategy(), ShmWait.SPIN.newIdleStrategy(), gone);
        case "streams" -> new Streams(new RingInputStream(in, ShmWait.SPIN, gone),
            new RingOutputStream(out, ShmWait.SPIN, gone));
        default -> throw new IllegalArgumentException("unknown variant " + variant + ", expected one of " + VARIANTS);
      };
    }
  }

  /** Raw ring records, one per message. */
  private static final class Records extends Side {
    private final RingBuffer in;
    private final RingBuffer out;
    private final IdleStrategy readIdle;
    private final IdleStrategy writeIdle;
    private final UnsafeBuffer outgoing = new UnsafeBuffer(new byte[MESSAGE_BYTES]);
    private final BooleanSupplier peerGone;
    private final MessageHandler handler = this::take;
    private byte[] target;
    private boolean ended;

    Records(RingBuffer in, RingBuffer out, IdleStrategy readIdle, IdleStrategy writeIdle, BooleanSupplier peerGone) {
      this.in = in;
      this.out = out;
      this.readIdle = readIdle;
      this.writeIdle = writeIdle;
      this.peerGone = peerGone;
    }

    @Override
    void send(byte[] message) {
      outgoing.putBytes(0, message);
      writeIdle.reset();
      while (!out.write(ShmLayout.MSG_DATA, outgoing, 0, MESSAGE_BYTES)) {
        writeIdle.idle();
      }
    }

    @Override
    boolean receive(byte[] message) throws IOException {
      target = message;
      readIdle.reset();
      while (in.read(handler, 1) == 0) {
        if (peerGone.getAsBoolean()) {
          throw new IOException("the other side is gone");
        }
        readIdle.idle();
      }
      return !ended;
    }

    private void take(int type, DirectBuffer buffer, int index, int length) {
      if (type == ShmLayout.MSG_END) {
        ended = true;
      } else {
        buffer.getBytes(index, target, 0, length);
      }
    }

    @Override
    void end() {
      while (!out.write(ShmLayout.MSG_END, outgoing, 0, 0)) {
        writeIdle.idle();
      }
    }
  }

  /** procpool's byte streams over the rings: records of what was written, sent at each flush. */
  private static final class Streams extends Side {
    private final InputStream in;
    private final OutputStream out;

    Streams(InputStream in, OutputStream out) {
      this.in = in;
      this.out = out;
    }

    @Override
    void send(byte[] message) throws IOException {
      out.write(message);
      out.flush();
    }

    @Override
    boolean receive(byte[] message) throws IOException {
      int have = 0;
      while (have < message.length) {
        int n = in.read(message, have, message.length - have);
        if (n < 0) {
          return false; // the end record, or the other side is gone
        }
        have += n;
      }
      return true;
    }

    @Override
    void end() throws IOException {
      out.close();
    }
  }

  /**
   * Whether the other process is gone, asked on every idle look but answered from the kernel
   * only every millionth time: a look must stay far below a microsecond.
   */
  private static final class PeerGone implements BooleanSupplier {
    private final ProcessHandle peer;
    private long looks;

    PeerGone(ProcessHandle peer) {
      this.peer = peer;
    }

    @Override
    public boolean getAsBoolean() {
      return ++looks % 1_000_000 == 0 && !peer.isAlive();
    }
  }
}
