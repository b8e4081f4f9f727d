package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class MessageWriterTest {

  @Test
  void write_severalMessagesOnOneStream_eachLineIsExactlyItsEncoding() throws IOException {
    Run first = new Run(1, "noop", List.of(1L));
    Run second = new Run(2, "noop", List.of(2L));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MessageWriter writer = new MessageWriter(bytes)) {
      writer.write(first);
      writer.write(second);
    }

    String wire = bytes.toString(StandardCharsets.UTF_8);

    assertEquals(MessageWriter.encode(first) + "\n" + MessageWriter.encode(second) + "\n", wire);
  }
}
