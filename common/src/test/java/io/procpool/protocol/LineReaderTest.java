package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
}
