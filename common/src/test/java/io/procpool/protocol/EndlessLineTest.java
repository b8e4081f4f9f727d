package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A line longer than the limit is refused when it passes the limit, not when (or if) it ends, and is not held. */
final class EndlessLineTest {
  private static final Duration LIMIT = Duration.ofSeconds(20);
  private static final int READ_BYTES = 1 << 16;
  private static final String RUN = "{\"type\":\"run\",\"id\":1,\"task\":\"noop\",\"args\":[1]}";

  @Test
  void read_endlessLine_refusedOnceTheLimitIsPassed() {
    EndlessInputStream endless = EndlessInputStream.endless('x');
    MessageReader reader = new MessageReader(endless, 1 << 20);

    ProtocolException bad = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ProtocolException.class, reader::read));

    assertTrue(bad.getMessage().matches("line of at least \\d+ bytes exceeds the limit of 1048576 bytes: \"xxx.*"),
        bad.getMessage());
    assertTrue(endless.bytesRead() <= (1 << 20) + READ_BYTES, "read " + endless.bytesRead() + " bytes first");
  }

  @Test
  void next_lineFarOverLimit_bufferNeverPastLimitAndAReadAndDroppedAfterwards() throws IOException {
    int limit = 4 << 20;
    EndlessInputStream input = EndlessInputStream.repeatThen('x', 40L << 20,
        "\nsmall\n".getBytes(StandardCharsets.US_ASCII));
    LineReader lines = new LineReader(input, limit);

    assertThrows(ProtocolException.class, lines::next);
    assertTrue(lines.next());

    assertEquals("small", new String(lines.line(), lines.offset(), lines.length(), StandardCharsets.US_ASCII));
    assertTrue(input.largestTarget() <= limit + READ_BYTES, "buffer grew to " + input.largestTarget());
    assertTrue(lines.line().length <= 2 * READ_BYTES, "still holds " + lines.line().length + " bytes");
    assertFalse(lines.next());
  }

  @Test
  void read_lineRefusedBeforeItsNewlineIsWritten_nextLineReadOnceItEnds() throws Exception {
    PipedInputStream pipe = new PipedInputStream(READ_BYTES);
    OutputStream writer = new PipedOutputStream(pipe);
    CountDownLatch refused = new CountDownLatch(1);
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
      try (writer) {
        writer.write("x".repeat(200_000).getBytes(StandardCharsets.US_ASCII));
        // The rest of the line, its newline and the next line come only after the refusal.
        refused.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        writer.write(("x".repeat(50_000) + "\n" + RUN + "\n").getBytes(StandardCharsets.US_ASCII));
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    MessageReader reader = new MessageReader(pipe, 100_000);

    ProtocolException bad = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ProtocolException.class, reader::read));
    refused.countDown();

    assertTrue(bad.getMessage().contains("exceeds the limit of 100000 bytes"), bad.getMessage());
    assertEquals(new Run(1, "noop", List.of(1L)), assertTimeoutPreemptively(LIMIT, reader::read));
    assertNull(reader.read());
    writing.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void read_refusedLineRunsToEndOfStream_endOfStreamNext() throws IOException {
    MessageReader reader = new MessageReader(EndlessInputStream.repeatThen('x', 300_000, new byte[0]), 100_000);

    assertThrows(ProtocolException.class, reader::read);

    assertNull(reader.read());
    assertNull(reader.read());
  }

  @Test
  void read_lineEndingInTheReadThatPassesTheLimit_refusedWithItsExactLength() throws IOException {
    // The newline is already in the buffer when the limit is passed: the length is known.
    byte[] line = ("y".repeat(70_000) + "\n" + RUN + "\n").getBytes(StandardCharsets.US_ASCII);
    MessageReader reader = new MessageReader(TrickleInputStream.steps(line, 40_000), 50_000);

    ProtocolException bad = assertThrows(ProtocolException.class, reader::read);

    assertTrue(bad.getMessage().startsWith("line of 70000 bytes exceeds the limit of 50000 bytes"), bad.getMessage());
    assertEquals(new Run(1, "noop", List.of(1L)), reader.read());
  }
}
