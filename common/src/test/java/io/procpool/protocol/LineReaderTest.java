package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class LineReaderTest {

  @Test
  void next_afterOneHugeLine_doesNotKeepTheHugeBuffer() throws IOException {
    String text = "z".repeat(8 << 20) + "\nsmall\n";
    LineReader lines = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), 16 << 20);

    assertTrue(lines.next());
    assertEquals(8 << 20, lines.length());
    assertTrue(lines.next());

    assertEquals("small", new String(lines.line(), lines.offset(), lines.length(), StandardCharsets.US_ASCII));
    assertTrue(lines.line().length <= 1 << 20, "kept " + lines.line().length + " bytes");
  }
}
