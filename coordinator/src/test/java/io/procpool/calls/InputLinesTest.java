package io.procpool.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.fn.Invocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a JSON-lines input becomes calls, and how an input that cannot be read is named. */
final class InputLinesTest {
  private final Invocation log10 = Invocation.ofMethod("java.lang.Math::log10", getClass().getClassLoader());

  @ParameterizedTest
  @ValueSource(strings = {"10\n100\n", "10\r\n100\r\n", "10\r100\r", "10\n100", "\n10\n\n100\n\n"})
  void read_anyLineEnd_twoCalls(String text) throws IOException {
    InputLines input = InputLines.read(utf8(text), log10, false);

    assertEquals(0, input.bad().size(), "bad: " + input.bad());
    assertEquals(2, input.calls().size());
  }

  @Test
  void read_nonAsciiText_isDecodedWhole() throws IOException {
    Invocation parse = Invocation.ofMethod("java.lang.Boolean::parseBoolean", getClass().getClassLoader());
    InputLines input = InputLines.read(utf8("\"h\u00e9\u20ac\uD83D\uDE00\"\n"), parse, false);

    assertEquals(1, input.calls().size(), "bad: " + input.bad());
    assertTrue(input.calls().get(0).arguments().contains("h\u00e9\u20ac\uD83D\uDE00"), input.calls().get(0).arguments());
  }

  @Test
  void read_byteOrderMarkBeforeTheFirstLine_isNotPartOfIt() throws IOException {
    InputLines input = InputLines.read(utf8("\uFEFF10\r\n100\n"), log10, false);

    assertEquals(0, input.bad().size(), "bad: " + input.bad());
    assertEquals(2, input.calls().size());
    assertEquals(1, input.calls().get(0).line());
  }

  @Test
  void read_byteOrderMarkAfterTheFirstLine_isABadLine() throws IOException {
    InputLines input = InputLines.read(utf8("10\n\uFEFF100\n"), log10, false);

    assertEquals(1, input.calls().size());
    assertEquals(2, input.bad().get(0).line());
  }

  @Test
  void read_notUtf8_namesTheLine() {
    byte[] bytes = {'1', '\n', '2', '\n', (byte) 0xff, (byte) 0xfe, '\n'};
    IOException e = assertThrows(IOException.class,
        () -> InputLines.read(new ByteArrayInputStream(bytes), log10, false));

    assertEquals("line 3 is not UTF-8 text", e.getMessage());
  }

  @Test
  void read_lineTooLongForTheHeap_namesTheLineAndTheHeapInsteadOfThrowingTheError() {
    InputStream outOfMemoryOnTheSecondLine = new InputStream() {
      private boolean first = true;

      @Override
      public int read() {
        throw new UnsupportedOperationException("read in blocks");
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (!first) {
          throw new OutOfMemoryError("Java heap space"); // what a huge line does to the line's buffer
        }
        first = false;
        buffer[offset] = '1';
        buffer[offset + 1] = '\n';
        buffer[offset + 2] = '2';
        return 3;
      }
    };

    IOException e = assertThrows(IOException.class,
        () -> InputLines.read(outOfMemoryOnTheSecondLine, log10, false));

    assertTrue(e.getMessage().startsWith("it does not fit in the coordinator's heap ("), e.getMessage());
    assertTrue(e.getMessage().endsWith(" MB) at line 2; give a smaller input or more heap (java -Xmx...)"),
        e.getMessage());
  }

  private static InputStream utf8(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
