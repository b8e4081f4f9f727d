package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class MessageReaderTest {

  @Test
  void read_stringLongerThanJacksonDefaultCap_keepsWholeValue() throws IOException {
    // Jackson refuses strings over 20 million characters unless told otherwise.
    String big = "x".repeat(25_000_000);
    byte[] wire = encode(new Run(1, "echo", List.of(big)));

    Run run = (Run) new MessageReader(new ByteArrayInputStream(wire)).read();

    assertEquals(big.length(), ((String) run.args().get(0)).length());
  }

  @Test
  void read_lineOverLimit_namesLimitAndKeepsReading() throws IOException {
    byte[] wire = (encodeLine(new Run(1, "echo", List.of("y".repeat(2000))))
        + encodeLine(new Run(2, "noop", List.of(1L)))).getBytes(StandardCharsets.UTF_8);
    MessageReader reader = new MessageReader(new ByteArrayInputStream(wire), 1024);

    ProtocolException tooLong = assertThrows(ProtocolException.class, reader::read);

    assertTrue(tooLong.getMessage().contains("exceeds the limit of 1024 bytes"), tooLong.getMessage());
    assertEquals(2, ((Run) reader.read()).id());
    assertNull(reader.read());
  }

  @Test
  void read_garbageLine_quotesOffendingBytes() {
    byte[] wire = "junk \u0001 line\n".getBytes(StandardCharsets.UTF_8);

    ProtocolException bad = assertThrows(ProtocolException.class,
        () -> new MessageReader(new ByteArrayInputStream(wire)).read());

    assertTrue(bad.excerpt().contains("junk \\x01 line"), bad.excerpt());
  }

  private static String encodeLine(Message message) {
    return MessageWriter.encode(message) + "\n";
  }

  private static byte[] encode(Message message) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MessageWriter writer = new MessageWriter(bytes)) {
      writer.write(message);
    }
    return bytes.toByteArray();
  }
}
