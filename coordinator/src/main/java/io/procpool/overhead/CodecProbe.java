package io.procpool.overhead;

import io.procpool.protocol.Clocks;
import io.procpool.protocol.Done;
import io.procpool.protocol.Message;
import io.procpool.protocol.MessageReader;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.Outcome;
import io.procpool.protocol.Run;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes the exact messages of a noop round trip in this JVM, through the same
 * {@link MessageWriter} and {@link MessageReader} the pool and worker use. The clocks of two
 * processes are not synchronised finely enough to time each leg, so this is how the codec's
 * share of a round trip is found; the rest is transit and thread hand-offs.
 */
final class CodecProbe {
  private static final int ROUNDS = 5;

  private CodecProbe() {}

  static CodecFigures measure(int messages) {
    Run run = new Run(123_456, "noop", List.of(12_345L));
    Done done = new Done(123_456, "main", List.of(Outcome.success(12_345L, Clocks.epochMicros(), 0)));
    return new CodecFigures(encode(run, messages), decode(run, messages), encode(done, messages),
        decode(done, messages), messages);
  }

  /** Median over rounds (the first rounds warm the JIT) of the time per message, in µs. */
  private static double encode(Message message, int count) {
    List<Double> perMessage = new ArrayList<>();
    try {
      MessageWriter writer = new MessageWriter(OutputStream.nullOutputStream());
      for (int round = 0; round < ROUNDS; round++) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
          writer.write(message);
        }
        writer.flush();
        perMessage.add((System.nanoTime() - start) / 1000.0 / count);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Samples.median(perMessage);
  }

  private static double decode(Message message, int count) {
    byte[] line = (MessageWriter.encode(message) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream lines = new ByteArrayOutputStream(line.length * count);
    for (int i = 0; i < count; i++) {
      lines.write(line, 0, line.length);
    }
    byte[] all = lines.toByteArray();
    List<Double> perMessage = new ArrayList<>();
    try {
      for (int round = 0; round < ROUNDS; round++) {
        MessageReader reader = new MessageReader(new ByteArrayInputStream(all));
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
          reader.read();
        }
        perMessage.add((System.nanoTime() - start) / 1000.0 / count);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Samples.median(perMessage);
  }
}
