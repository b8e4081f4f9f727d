package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ValueArenaTest {
  @TempDir
  Path dir;

  @Test
  void write_readerCaughtUp_nextValueStartsAtTheFrontAgain() throws IOException {
    ValueArena writer = ValueArena.create(dir.resolve("arena"), 100);
    ValueArena reader = ValueArena.open(dir.resolve("arena"));

    assertEquals(0, writer.write(bytes("a".repeat(30))));
    assertEquals(30, writer.write(bytes("b".repeat(30))));
    assertEquals("a".repeat(30), reader.read(0, 30, false));
    assertEquals("b".repeat(30), reader.read(30, 30, false));

    assertEquals(100, writer.write(bytes("c".repeat(30))), "a lap on, at the front");
    assertEquals("c".repeat(30), reader.read(100, 30, false));
  }

  @Test
  void write_frontFreeWhileLaterValuesAreUnread_takesTheFrontThenSkipsPastThem() throws IOException {
    ValueArena writer = ValueArena.create(dir.resolve("arena"), 100);
    ValueArena reader = ValueArena.open(dir.resolve("arena"));
    writer.write(bytes("a".repeat(30)));
    writer.write(bytes("b".repeat(30)));
    reader.read(0, 30, false);

    assertEquals(100, writer.write(bytes("c".repeat(30))), "the front, though b is unread");
    assertEquals(160, writer.write(bytes("d".repeat(20))), "after c, past b");
    assertEquals("b".repeat(30), reader.read(30, 30, false));
    assertEquals("c".repeat(30), reader.read(100, 30, false));
    assertEquals("d".repeat(20), reader.read(160, 20, false));
  }

  @Test
  void write_afterSkippingToTheFront_theSkippedGapDoesNotCountAsUnread() throws IOException {
    ValueArena writer = ValueArena.create(dir.resolve("arena"), 100);
    ValueArena reader = ValueArena.open(dir.resolve("arena"));
    writer.write(bytes("a".repeat(30)));
    reader.read(0, 30, false);

    assertEquals(100, writer.write(bytes("b".repeat(30))));
    assertEquals(130, writer.write(bytes("c".repeat(30))));
    assertEquals(160, writer.write(bytes("d".repeat(30))), "the whole lap is the unread values' to fill");
    assertEquals(-1, writer.write(bytes("e".repeat(30))));
  }

  @Test
  void write_unreadValuesInTheWay_saysNoRoomUntilTheyAreRead() throws IOException {
    ValueArena writer = ValueArena.create(dir.resolve("arena"), 100);
    ValueArena reader = ValueArena.open(dir.resolve("arena"));
    assertEquals(0, writer.write(bytes("a".repeat(60))));

    assertEquals(-1, writer.write(bytes("b".repeat(50))), "would wrap: a lap on would overwrite the unread value");
    assertEquals(-1, writer.write(bytes("b".repeat(101))), "larger than the arena");
    assertEquals(60, writer.write(bytes("b".repeat(40))));

    reader.read(0, 60, false);
    assertEquals(100, writer.write(bytes("c".repeat(50))), "a lap on, in front of the unread value");
    assertEquals(-1, writer.write(bytes("d".repeat(20))), "would reach the unread value a lap on");
    reader.read(60, 40, false);
    assertEquals(150, writer.write(bytes("d".repeat(20))));
  }

  @Test
  void read_latin1Bytes_decodedByteForByte() throws IOException {
    ValueArena writer = ValueArena.create(dir.resolve("arena"), 100);
    ValueArena reader = ValueArena.open(dir.resolve("arena"));
    writer.write("\u00e9t\u00e9".getBytes(StandardCharsets.ISO_8859_1));

    assertEquals("\u00e9t\u00e9", reader.read(0, 3, true));
  }

  @Test
  void open_fileThatIsNoArena_refused() throws IOException {
    Path other = Files.write(dir.resolve("other"), new byte[ValueArena.HEADER_BYTES + 10]);

    IOException refused = assertThrows(IOException.class, () -> ValueArena.open(other));
    assertEquals("not a procpool value arena (bad header): other", refused.getMessage());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
