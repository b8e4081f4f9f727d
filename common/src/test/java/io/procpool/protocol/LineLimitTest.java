package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte limit on one line: refused with a message naming it, and the stream goes on. */
final class LineLimitTest {
  private static final String RUN = "{\"type\":\"run\",\"id\":1,\"task\":\"noop\",\"args\":[1]}";
  private static final Run RUN_RECORD = new Run(1, "noop", List.of(1L));

  @Test
  void read_lineOverLimit_namesLimitAndContinuesWithNextLine() throws IOException {
    String tooLong = "{\"type\":\"run\",\"id\":2,\"task\":\"echo\",\"args\":[\"" + "x".repeat(100) + "\"]}";
    MessageReader reader = reader(tooLong + "\n" + RUN + "\n", 64);

    ProtocolException bad = assertThrows(ProtocolException.class, reader::read);

    assertTrue(bad.getMessage().startsWith("line of " + tooLong.length() + " bytes exceeds the limit of 64 bytes"),
        bad.getMessage());
    assertTrue(bad.excerpt().startsWith("\"{\\\"type\\\":\\\"run\\\",\\\"id\\\":2"), bad.excerpt());
    assertEquals(RUN_RECORD, reader.read());
    assertNull(reader.read());
  }

  @Test
  void read_lineOverLimitAcrossManyChunks_refusedAtTheLimitThenNextLineRead() throws IOException {
    // Longer than the reader's 64 KiB chunk: refused once the limit is passed, not at its newline.
    String tooLong = "[\"" + "y".repeat(300_000) + "\"]";
    MessageReader reader = reader(tooLong + "\n" + RUN + "\n", 100_000);

    ProtocolException bad = assertThrows(ProtocolException.class, reader::read);

    assertTrue(bad.getMessage().startsWith("line of at least 131072 bytes exceeds the limit of 100000 bytes: \"[\\\"yyy"),
        bad.getMessage());
    assertEquals(RUN_RECORD, reader.read());
    assertNull(reader.read());
  }

  @Test
  void read_lastLineOverLimitWithoutNewline_refusedThenEndOfStream() throws IOException {
    MessageReader reader = reader(RUN + "\n" + "z".repeat(200), 64);

    assertEquals(RUN_RECORD, reader.read());
    assertThrows(ProtocolException.class, reader::read);
    assertNull(reader.read());
  }

  @Test
  void read_lineExactlyAtLimit_accepted() throws IOException {
    MessageReader reader = reader(RUN + "\n" + RUN + "\n", RUN.length());

    assertEquals(RUN_RECORD, reader.read());
    assertEquals(RUN_RECORD, reader.read());
    assertNull(reader.read());
  }

  @Test
  void read_lineOneByteOverLimit_refused() throws IOException {
    MessageReader reader = reader(RUN + "\n", RUN.length() - 1);

    ProtocolException bad = assertThrows(ProtocolException.class, reader::read);

    assertTrue(bad.getMessage().contains("exceeds the limit of " + (RUN.length() - 1) + " bytes"), bad.getMessage());
  }

  @Test
  void read_lineLongerThanOneChunkUnderLimit_decoded() throws IOException {
    String payload = "p".repeat(200_000);
    String line = MessageWriter.encode(new Run(3, "echo", List.of(payload)));

    Message message = reader(line + "\n", Protocol.DEFAULT_MAX_LINE_BYTES).read();

    assertEquals(new Run(3, "echo", List.of(payload)), message);
  }

  @Test
  void decode_stringLongerThanJacksonDefaultCap_decoded() throws ProtocolException {
    // Jackson refuses strings over 20M characters by default; the line limit is what bounds them.
    String payload = "x".repeat(21_000_000);

    Run run = (Run) MessageReader.decode(MessageWriter.encode(new Run(1, "echo", List.of(payload))));

    assertEquals(payload.length(), ((String) run.args().get(0)).length());
  }

  private static MessageReader reader(String text, int maxLineBytes) {
    return new MessageReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxLineBytes);
  }
}
