package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class LineReaderTest {

  @Test
  void next_afterOneHugeLine_dropsTheHugeBufferOnceShortLinesFollow() throws IOException {
    String text = "z".repeat(8 << 20) + "\n" + "small\n".repeat(200);
    LineReader lines = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), 16 << 20);

    assertTrue(lines.next());
    assertEquals(8 << 20, lines.length());
    for (int i = 0; i < 200; i++) {
      assertTrue(lines.next());
      assertEquals("small", new String(lines.line(), lines.offset(), lines.length(), StandardCharsets.US_ASCII));
    }

    assertTrue(lines.line().length <= 1 << 20, "kept " + lines.line().length + " bytes");
  }

  @Test
  void next_withLargeLinesInARow_keepsTheGrownBuffer() throws IOException {
    String line = "z".repeat(3 << 20) + "\n";
    LineReader lines = new LineReader(new ByteArrayInputStream(line.repeat(4).getBytes(StandardCharsets.US_ASCII)),
        16 << 20);

    assertTrue(lines.next());
    assertTrue(lines.next());
    byte[] grown = lines.line();
    for (int i = 0; i < 2; i++) {
      assertTrue(lines.next());
      assertEquals(3 << 20, lines.length());
      assertSame(grown, lines.line(), "regrew the buffer for line " + (i + 3));
    }
  }

  @Test
  void runs_coverAMegabyteStringReadInPieces() throws IOException {
    String line = "{\"type\":\"run\",\"id\":1,\"task\":\"echo\",\"args\":[\"" + "x".repeat(1 << 20) + "\"]}\n";
    LineReader lines = new LineReader(new ByteArrayInputStream(line.repeat(3).getBytes(StandardCharsets.US_ASCII)),
        4 << 20);

    for (int n = 0; n < 3; n++) {
      assertTrue(lines.next());
      int covered = 0;
      for (int k = 0; k < lines.runCount(); k++) {
        covered += lines.runs()[2 * k + 1] - lines.runs()[2 * k];
      }
      assertTrue(covered > (1 << 20) - 1024, "runs cover only " + covered + " bytes of line " + n);
      assertOnlyPlainBytesInRuns(lines);
    }
  }

  @Test
  void runs_holdOnlyPlainBytes_onRandomLinesReadInRandomPieces() throws IOException {
    Random random = new Random(5);
    String[] pieces = {"x", "\"", "\\\\", "\u00e9", "\t", ",", "{\"k\":\"v\"}", "\r"};
    StringBuilder text = new StringBuilder();
    for (int line = 0; line < 300; line++) {
      int length = random.nextInt(30_000);
      while (length > 0) {
        String piece = pieces[random.nextInt(pieces.length)];
        int repeat = piece.equals("x") ? random.nextInt(5000) : 1 + random.nextInt(20);
        text.append(piece.repeat(repeat));
        length -= repeat * piece.length();
      }
      text.append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    LineReader lines = new LineReader(TrickleInputStream.randomSteps(bytes, random, 20_000), 1 << 20);

    int count = 0;
    int runs = 0;
    while (lines.next()) {
      assertOnlyPlainBytesInRuns(lines);
      count++;
      runs += lines.runCount();
    }
    assertEquals(300, count);
    assertTrue(runs > 100, "only " + runs + " runs noted");
  }

  private static void assertOnlyPlainBytesInRuns(LineReader lines) {
    int previousEnd = lines.offset();
    for (int k = 0; k < lines.runCount(); k++) {
      int from = lines.runs()[2 * k];
      int to = lines.runs()[2 * k + 1];
      assertTrue(from >= previousEnd && to > from && to <= lines.offset() + lines.length(),
          "run " + k + " [" + from + ", " + to + ") out of order or outside the line");
      assertEquals(to, ByteScan.endOfPlainString(lines.line(), from, to), "run " + k + " holds a non-plain byte");
      previousEnd = to;
    }
  }
}
