package io.procpool.benchmarks;

import io.procpool.protocol.Done;
import io.procpool.protocol.Message;
import io.procpool.protocol.MessageReader;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.Outcome;
import io.procpool.protocol.Run;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the wire codec costs per message, for the lines the pool actually sends: a {@link Run}
 * carrying a chunk of one argument and the {@link Done} answering it.
 *
 * <p>Encoders reuse one {@link MessageWriter} over a reusable in-memory sink and flush after
 * every message, as the pool does for a lone request; decoders reuse one {@link MessageReader}
 * over a stream that replays the same line. So the figures are codec cost without pipes or
 * system calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  private static final long ID = 123_456L;
  // A realistic epoch-microseconds stamp: the digit count is what costs.
  private static final long STARTED_AT = 1_760_000_000_000_000L;
  private static final int KIB = 1 << 10;
  private static final int MIB = 1 << 20;

  private final Run runNoop = new Run(ID, "noop", List.of(0L));
  private final Run run1KiB = new Run(ID, "echo", List.of("x".repeat(KIB)));
  private final Done doneNoop = new Done(ID, "main", List.of(Outcome.success(0L, STARTED_AT, 1)));
  private final Run runEcho1MiB = new Run(ID, "echo", List.of("x".repeat(MIB)));
  private final Done doneEcho1MiB =
      new Done(ID, "main", List.of(Outcome.success("x".repeat(MIB), STARTED_AT, 250)));

  private ReusableOutputStream sink;
  private MessageWriter writer;
  private MessageReader runNoopReader;
  private MessageReader run1KiBReader;
  private MessageReader doneNoopReader;
  private MessageReader runEcho1MiBReader;
  private MessageReader doneEcho1MiBReader;

  @Setup
  public void setUp() throws IOException {
    sink = new ReusableOutputStream();
    writer = new MessageWriter(sink);
    runNoopReader = replaying(runNoop);
    run1KiBReader = replaying(run1KiB);
    doneNoopReader = replaying(doneNoop);
    runEcho1MiBReader = replaying(runEcho1MiB);
    doneEcho1MiBReader = replaying(doneEcho1MiB);
  }

  /** A reader over the message's own wire bytes; checks the round trip so a broken codec can't look fast. */
  private MessageReader replaying(Message message) throws IOException {
    encode(message);
    MessageReader reader = new MessageReader(new ReplayInputStream(sink.toByteArray()));
    for (int i = 0; i < 3; i++) { // more than once: the replay must wrap around cleanly
      Message decoded = reader.read();
      if (!message.equals(decoded)) {
        throw new IllegalStateException("round trip changed " + message.type() + ": " + decoded);
      }
    }
    return reader;
  }

  private int encode(Message message) throws IOException {
    sink.reset();
    writer.write(message);
    writer.flush();
    return sink.size();
  }

  @Benchmark
  public int encodeRunNoop() throws IOException {
    return encode(runNoop);
  }

  @Benchmark
  public int encodeRun1KiB() throws IOException {
    return encode(run1KiB);
  }

  @Benchmark
  public Message decodeRunNoop() throws IOException {
    return runNoopReader.read();
  }

  @Benchmark
  public Message decodeRun1KiB() throws IOException {
    return run1KiBReader.read();
  }

  @Benchmark
  public int encodeDoneNoop() throws IOException {
    return encode(doneNoop);
  }

  @Benchmark
  public Message decodeDoneNoop() throws IOException {
    return doneNoopReader.read();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int encodeRun1MiB() throws IOException {
    return encode(runEcho1MiB);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Message decodeRun1MiB() throws IOException {
    return runEcho1MiBReader.read();
  }

  /**
   * The codec's whole share of one 1 MiB echo call: the coordinator encodes the request, the
   * worker decodes it and encodes the answer, the coordinator decodes that (2 MiB of payload).
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void echo1MiBRoundTrip(Blackhole sunk) throws IOException {
    sunk.consume(encode(runEcho1MiB));
    sunk.consume(runEcho1MiBReader.read());
    sunk.consume(encode(doneEcho1MiB));
    sunk.consume(doneEcho1MiBReader.read());
  }
}
