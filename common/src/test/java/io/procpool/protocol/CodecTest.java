package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written codec against the Jackson one it replaced: the same bytes out, the same
 * messages in, the same lines refused.
 */
final class CodecTest {
  private static final String SPECIALS = "\"\\/?\u0000\u0001\u001f\n\r\t\b\f\u007f é\u00ff\u0100\u0122\u0142\u4e2d€\ud83d\ude00\ud800\udfff";

  @Test
  void encode_randomMessages_byteForByteAsJackson() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 3000; i++) {
      Message message = randomMessage(random);
      assertEquals(JacksonMessageWriter.encode(message), MessageWriter.encode(message), () -> "for " + message);
    }
  }

  @Test
  void decode_randomMessages_asJackson() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 3000; i++) {
      String line = JacksonMessageWriter.encode(randomMessage(random));
      assertEquals(JacksonMessageReader.decode(line), MessageReader.decode(line), line);
    }
  }

  @Test
  void roundTrip_longStringsWithSpecialsAnywhere() throws Exception {
    Random random = new Random(3);
    for (int i = 0; i < 300; i++) {
      StringBuilder text = new StringBuilder("x".repeat(random.nextInt(5000)));
      for (int k = random.nextInt(4); k > 0; k--) {
        text.insert(random.nextInt(text.length() + 1), SPECIALS.charAt(random.nextInt(SPECIALS.length())));
      }
      Run run = new Run(i, "echo", List.of(text.toString()));
      String line = MessageWriter.encode(run);
      assertEquals(JacksonMessageWriter.encode(run), line);
      assertEquals(run, MessageReader.decode(line));
    }
  }

  /** The bulk path copies low bytes only, so it must see which strings are Latin-1 (on this JDK, too). */
  @Test
  void coder_tellsLatin1StringsFromTheRest() {
    assertTrue(JsonWriter.Coder.isLatin1("x".repeat(600) + "\u00e9\u00ff\"\n"));
    assertFalse(JsonWriter.Coder.isLatin1("x".repeat(600) + "\u0142"));
    assertFalse(JsonWriter.Coder.isLatin1("\u20ac" + "x".repeat(600)));
  }

  /**
   * Strings long enough for the bulk paths on both sides (the writer's 8K-char chunks, the
   * reader's plain runs), with runs of every kind: printable ASCII, Latin-1, characters above
   * U+00FF whose low byte is printable, surrogates, control characters, quotes and backslashes.
   */
  @Test
  void roundTrip_longMixedStrings_asJacksonAndThroughAStream() throws Exception {
    Random random = new Random(11);
    String[] runs = {"x", "Hello, world ", "\u00e9\u00ff", "\u0142\u0122\u4e2d", "\ud83d\ude00", "\"", "\\", "\n\t\u0000", "?"};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MessageWriter writer = new MessageWriter(bytes);
    List<Run> sent = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40_000);
      while (text.length() < length) {
        String run = runs[random.nextInt(runs.length)];
        int repeat = run.equals("x") ? random.nextInt(20_000) : 1 + random.nextInt(random.nextBoolean() ? 3 : 600);
        text.append(run.repeat(repeat));
      }
      Run run = new Run(i, "echo", List.of(text.toString(), "after"));
      assertEquals(JacksonMessageWriter.encode(run), MessageWriter.encode(run));
      writer.write(run);
      sent.add(run);
    }
    writer.flush();

    MessageReader reader = new MessageReader(TrickleInputStream.steps(bytes.toByteArray(), 50_000));
    for (Run run : sent) {
      assertEquals(run, reader.read());
    }
    assertNull(reader.read());
  }

  @Test
  void roundTrip_megabytePayload() throws Exception {
    String payload = "x".repeat(1 << 20);
    Done done = new Done(9, "main", List.of(Outcome.success(payload, 1, 2)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MessageWriter writer = new MessageWriter(bytes);
    writer.write(done);
    writer.write(done);
    writer.flush();

    MessageReader reader = new MessageReader(TrickleInputStream.steps(bytes.toByteArray(), 70_000));

    assertEquals(done, reader.read());
    assertEquals(done, reader.read());
    assertNull(reader.read());
  }

  @Test
  void decode_whitespaceUnknownFieldsAndAnyOrder() throws Exception {
    Message message = MessageReader.decode(
        " { \"args\" : [ 1 , -2.5e3 , \"\\u00e9\\ud83d\\ude00\\/\" , {\"k\" : [ ] } , null , true ] ,"
            + " \"extra\" : {\"deep\": [1, {\"x\": null}]}, \"task\": \"noop\", \"id\": 5, \"type\": \"run\" } ");

    Map<String, Object> object = new LinkedHashMap<>();
    object.put("k", List.of());
    assertEquals(new Run(5, "noop", Arrays.asList(1L, -2500.0, "é😀/", object, null, true)), message);
  }

  @Test
  void decode_numbersAsJackson() throws Exception {
    String line = "{\"type\":\"run\",\"id\":1,\"task\":\"t\",\"args\":[0,-0,9223372036854775807,"
        + "-9223372036854775808,9223372036854775808,123456789012345678901234567890,1.0,1e2,-0.0,1E-7]}";
    Run run = (Run) MessageReader.decode(line);

    assertEquals(JacksonMessageReader.decode(line), run);
    assertEquals(Long.MAX_VALUE, run.args().get(2));
    assertEquals(Long.MIN_VALUE, run.args().get(3));
    assertEquals(new BigInteger("9223372036854775808"), run.args().get(4));
    assertEquals(100.0, run.args().get(7));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "[]", "{", "{\"type\":\"run\"", "{\"type\":\"run\",\"id\":1,\"task\":\"t\",\"args\":[1]} x",
      "{\"type\":\"run\",\"id\":1,\"task\":\"t\"}", "{\"type\":\"run\",\"id\":1.5,\"task\":\"t\",\"args\":[1]}",
      "{\"type\":\"run\",\"id\":99999999999999999999,\"task\":\"t\",\"args\":[1]}",
      "{\"type\":\"run\",\"id\":1,\"task\":\"t\",\"args\":1}", "{\"type\":\"nope\"}", "{\"id\":1}",
      "{\"type\":\"run\",\"id\":01,\"task\":\"t\",\"args\":[1]}", "{\"type\":\"run\",\"id\":1,\"task\":\"t\",\"args\":[NaN]}",
      "{\"type\":\"run\",\"id\":1,\"task\":\"t\",\"args\":[1,]}", "{type:\"run\"}", "{'type':'run'}",
      "{\"type\":\"run\",\"id\":1,\"task\":\"\\x\",\"args\":[1]}", "{\"type\":\"run\",\"id\":1,\"task\":\"\\u12\",\"args\":[1]}",
      "{\"type\":\"run\",\"id\":1,\"task\":\"a\tb\",\"args\":[1]}", "{\"type\":\"run\",\"id\":1,\"task\":\"t\",\"args\":[-]}",
      "{\"type\":\"run\",\"id\":1,\"task\":\"t\",\"args\":[1.]}", "{\"type\":\"run\",\"id\":1,\"task\":\"t\",\"args\":[.5]}",
      "{\"type\":\"run\",\"id\":1,\"task\":\"t\",\"args\":[tru]}", "{\"type\":\"done\",\"id\":1,\"results\":[1]}",
      "{\"type\":\"done\",\"id\":1,\"results\":[{\"error\":{}}]}", "{\"type\":\"run\",\"id\":1,\"task\":\"t\",\"args\":[\"x]}",
  })
  void decode_invalidLines_refusedAsByJackson(String line) {
    assertThrows(ProtocolException.class, () -> JacksonMessageReader.decode(line), "Jackson accepted " + line);
    ProtocolException refused = assertThrows(ProtocolException.class, () -> MessageReader.decode(line));
    assertFalse(refused.getMessage().isEmpty());
  }

  @Test
  void decode_invalidUtf8_refused() {
    byte[] bytes = "{\"type\":\"run\",\"id\":1,\"task\":\"t\u00e9\",\"args\":[1]}".getBytes(StandardCharsets.UTF_8);
    int accent = indexOf(bytes, (byte) 0xc3);
    bytes[accent + 1] = 'x'; // a lead byte without its continuation

    assertThrows(ProtocolException.class, () -> new MessageReader(new ByteArrayInputStream(bytes)).read());
  }

  @Test
  void decode_deepNesting_refusedNotOverflowing() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    String line = "{\"type\":\"run\",\"id\":1,\"task\":\"t\",\"args\":[" + deep + "]}";

    ProtocolException refused = assertThrows(ProtocolException.class, () -> MessageReader.decode(line));
    assertTrue(refused.getMessage().contains("nesting"), refused.getMessage());
  }

  @Test
  void read_linesSplitAcrossReadsWithCrLfAndNoFinalNewline() throws Exception {
    String text = "{\"type\":\"run\",\"id\":1,\"task\":\"a\",\"args\":[1]}\r\n\n"
        + "{\"type\":\"run\",\"id\":2,\"task\":\"b\",\"args\":[2]}\n"
        + "{\"type\":\"run\",\"id\":3,\"task\":\"c\",\"args\":[3]}";
    MessageReader reader = new MessageReader(TrickleInputStream.steps(text.getBytes(StandardCharsets.UTF_8), 3));

    assertEquals(1, ((Run) reader.read()).id());
    assertEquals(2, ((Run) reader.read()).id());
    assertEquals(3, ((Run) reader.read()).id());
    assertNull(reader.read());
  }

  @Test
  void read_tooLongLine_refusedAtTheLimitAndReaderGoesOn() throws Exception {
    String text = "{\"type\":\"run\",\"id\":1,\"task\":\"" + "y".repeat(300_000) + "\",\"args\":[1]}\n"
        + "{\"type\":\"run\",\"id\":2,\"task\":\"b\",\"args\":[2]}\n";
    MessageReader reader = new MessageReader(TrickleInputStream.steps(text.getBytes(StandardCharsets.UTF_8), 10_000), 1000);

    ProtocolException tooLong = assertThrows(ProtocolException.class, reader::read);
    // Refused at the first read past the limit, not at the newline 290 reads later.
    assertTrue(tooLong.getMessage().startsWith("line of at least 10000 bytes exceeds the limit of 1000 bytes"),
        tooLong.getMessage());
    assertTrue(tooLong.excerpt().startsWith("\"{\\\"type\\\":\\\"run\\\""), tooLong.excerpt());
    assertEquals(2, ((Run) reader.read()).id());
    assertNull(reader.read());
  }

  @Test
  void read_badLine_quotedAndReaderGoesOn() throws Exception {
    String text = "not json\n{\"type\":\"run\",\"id\":2,\"task\":\"b\",\"args\":[2]}\n";
    MessageReader reader = new MessageReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));

    ProtocolException bad = assertThrows(ProtocolException.class, reader::read);
    assertEquals("\"not json\"", bad.excerpt());
    assertEquals(2, ((Run) reader.read()).id());
  }

  @Test
  void hasBuffered_onlyForWholeLines() throws Exception {
    byte[] lines = "{\"type\":\"run\",\"id\":1,\"task\":\"a\",\"args\":[1]}\n{\"type\":\"run\",\"id\":2,\"task\":\"a\",\"args\":[1]}\n{\"type\":\"ru"
        .getBytes(StandardCharsets.UTF_8);
    MessageReader reader = new MessageReader(new ByteArrayInputStream(lines));

    reader.read();
    assertTrue(reader.hasBuffered());
    reader.read();
    assertFalse(reader.hasBuffered());
  }

  @Test
  void write_valuesAsJacksonDoes() throws Exception {
    Map<Object, Object> keys = new LinkedHashMap<>();
    keys.put(1, "one");
    keys.put(null, 2.5f);
    List<Object> args = Arrays.asList(new Object[] {1, (short) 2, (byte) 3}, new BigDecimal("1E+3"),
        Double.NaN, Double.NEGATIVE_INFINITY, keys, new StringBuilder("sb"), 0.1f, Long.MIN_VALUE);
    Run run = new Run(1, "t", args);

    assertEquals(JacksonMessageWriter.encode(run), MessageWriter.encode(run));
  }

  @Test
  void write_linesEndInNewlineWithoutLeadingSpace() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MessageWriter writer = new MessageWriter(bytes);
    writer.write(new Run(1, "a", List.of(1L)));
    writer.write(new Run(2, "b", List.of(2L)));
    writer.flush();

    assertArrayEquals(("{\"type\":\"run\",\"id\":1,\"task\":\"a\",\"args\":[1]}\n"
        + "{\"type\":\"run\",\"id\":2,\"task\":\"b\",\"args\":[2]}\n").getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }

  // ---- random messages ----

  private static Message randomMessage(Random random) {
    switch (random.nextInt(5)) {
      case 0:
        return new Hello(1, random.nextInt(100_000), randomString(random), 1 + random.nextInt(100),
            random.nextLong(), random.nextLong());
      case 1:
        return new Invalid(randomString(random), randomString(random));
      case 2: {
        List<Outcome> outcomes = new ArrayList<>();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          outcomes.add(random.nextBoolean()
              ? Outcome.success(randomValue(random, 3), random.nextLong(), random.nextInt(1000))
              : Outcome.failure(new RemoteError(randomString(random), randomString(random), randomString(random)),
                  random.nextLong(), random.nextInt(1000)));
        }
        return new Done(random.nextLong(), randomString(random), outcomes);
      }
      default: {
        List<Object> args = new ArrayList<>();
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
          args.add(randomValue(random, 3));
        }
        return new Run(random.nextInt(Integer.MAX_VALUE), randomString(random), args);
      }
    }
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 10 : 8);
    switch (kind) {
      case 0: return null;
      case 1: return random.nextBoolean();
      case 2: return random.nextLong() >> random.nextInt(64);
      case 3: return new BigInteger(64 + random.nextInt(100), random).negate();
      case 4: {
        double[] specials = {0.0, -0.0, 1e-300, 1e300, Double.MIN_VALUE, Double.MAX_VALUE, 0.1, 1.0 / 3};
        return random.nextBoolean() ? specials[random.nextInt(specials.length)] : random.nextGaussian() * 1e6;
      }
      case 5:
      case 6:
      case 7:
        return randomString(random);
      case 8: {
        List<Object> list = new ArrayList<>();
        for (int k = random.nextInt(4); k > 0; k--) {
          list.add(randomValue(random, depth - 1));
        }
        return list;
      }
      default: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int k = random.nextInt(4); k > 0; k--) {
          map.put(randomString(random), randomValue(random, depth - 1));
        }
        return map;
      }
    }
  }

  private static String randomString(Random random) {
    int length = random.nextInt(10) == 0 ? 500 + random.nextInt(2000) : random.nextInt(20);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int pick = random.nextInt(20);
      if (pick == 0) {
        text.append(SPECIALS.charAt(random.nextInt(SPECIALS.length())));
      } else if (pick == 1) {
        text.append((char) random.nextInt(0x10000));
      } else {
        text.append((char) (' ' + random.nextInt(95)));
      }
    }
    return text.toString();
  }
}
