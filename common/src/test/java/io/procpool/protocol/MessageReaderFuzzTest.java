package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks with a seeded {@link Random}, so a failure replays exactly: whatever
 * bytes arrive, the reader either decodes a message or throws {@link ProtocolException}, never
 * anything else, and always reaches the end of the stream.
 */
final class MessageReaderFuzzTest {
  private static final long SEED = 0x5eed_2024L;
  private static final Duration LIMIT = Duration.ofSeconds(30);
  /** Tokens that steer random lines deep into the parser instead of failing at the first byte. */
  private static final String[] TOKENS = {
      "{", "}", "[", "]", ",", ":", "\"", "\"type\"", "\"run\"", "\"done\"", "\"hello\"", "\"invalid\"",
      "\"id\"", "\"task\"", "\"args\"", "\"results\"", "\"error\"", "\"value\"", "\"exception\"",
      "\"protocol\"", "\"pid\"", "\"inFlight\"", "\"message\"", "\"line\"", "\"micros\"", "1", "-1", "0",
      "1.5", "1e400", "99999999999999999999999", "true", "false", "null", " ", "\\", "\\u00e9", "\r",
      "\n", "é", "\uD83D\uDE00",
  };

  @Test
  void read_randomBytes_decodesOrThrowsProtocolExceptionAndEnds() {
    Random random = new Random(SEED);
    assertTimeoutPreemptively(LIMIT, () -> {
      for (int i = 0; i < 1000; i++) {
        byte[] bytes = new byte[random.nextInt(400)];
        random.nextBytes(bytes);
        for (int j = 0; j < bytes.length; j++) {
          if (random.nextInt(20) == 0) {
            bytes[j] = '\n'; // several lines per stream, so the reader must recover between them
          }
        }
        readAll(bytes, 1 + random.nextInt(300), "random bytes, case " + i);
      }
    });
  }

  @Test
  void read_randomTokenSoup_decodesOrThrowsProtocolExceptionAndEnds() {
    Random random = new Random(SEED + 1);
    assertTimeoutPreemptively(LIMIT, () -> {
      for (int i = 0; i < 2000; i++) {
        StringBuilder text = new StringBuilder();
        int tokens = random.nextInt(60);
        for (int j = 0; j < tokens; j++) {
          text.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        readAll(text.toString().getBytes(StandardCharsets.UTF_8), 1 << 16, "token soup, case " + i);
      }
    });
  }

  @Test
  void read_everyPrefixOfValidLine_decodesOrThrowsProtocolException() {
    Random random = new Random(SEED + 2);
    assertTimeoutPreemptively(LIMIT, () -> {
      for (int i = 0; i < 60; i++) {
        byte[] line = MessageWriter.encode(randomMessage(random)).getBytes(StandardCharsets.UTF_8);
        // Every proper prefix, one per line of a single stream (a message has no raw newline).
        ByteArrayOutputStream prefixes = new ByteArrayOutputStream();
        for (int cut = 1; cut < line.length; cut++) {
          prefixes.write(line, 0, cut);
          prefixes.write('\n');
        }
        readAll(prefixes.toByteArray(), 1 << 16, "prefixes of case " + i);
      }
    });
  }

  @Test
  void read_validLinesWithOneByteChanged_decodesOrThrowsProtocolException() {
    Random random = new Random(SEED + 3);
    assertTimeoutPreemptively(LIMIT, () -> {
      for (int i = 0; i < 20; i++) {
        // A hundred mutated lines per stream; a mutation to '\n' just splits a line in two.
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (int j = 0; j < 100; j++) {
          byte[] line = MessageWriter.encode(randomMessage(random)).getBytes(StandardCharsets.UTF_8);
          line[random.nextInt(line.length)] = (byte) random.nextInt(256);
          lines.write(line, 0, line.length);
          lines.write('\n');
        }
        readAll(lines.toByteArray(), 1 << 16, "mutated stream " + i);
      }
    });
  }

  @Test
  void decode_encodedRandomMessage_equalMessage() throws ProtocolException {
    Random random = new Random(SEED + 4);
    for (int i = 0; i < 2000; i++) {
      Message message = randomMessage(random);
      String line = MessageWriter.encode(message);

      assertEquals(message, MessageReader.decode(line), line);
      assertTrue(line.indexOf('\n') < 0, "a message never contains a raw newline: " + line);
    }
  }

  /** Reads the stream to its end; each read must return a message or throw ProtocolException. */
  private static void readAll(byte[] bytes, int maxLineBytes, String what) {
    MessageReader reader = new MessageReader(new ByteArrayInputStream(bytes), maxLineBytes);
    // Each read consumes at least one line, so more reads than bytes would mean a loop.
    for (int reads = 0; reads <= bytes.length + 1; reads++) {
      try {
        if (reader.read() == null) {
          return;
        }
      } catch (ProtocolException expected) {
        // refused; the next read goes on with the next line
      } catch (IOException | RuntimeException | StackOverflowError e) {
        throw new AssertionError(what + ": unexpected " + e + " for bytes "
            + new String(bytes, StandardCharsets.UTF_8), e);
      }
    }
    fail(what + ": the reader did not reach the end of " + bytes.length + " bytes");
  }

  private static Message randomMessage(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return new Hello(1 + random.nextInt(3), random.nextInt(1 << 22), randomString(random),
            1 + random.nextInt(1 << 16), random.nextInt(1 << 20), random.nextLong());
      case 1: {
        List<Object> args = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
          args.add(randomValue(random, 3));
        }
        return new Run(random.nextLong(), randomString(random), args);
      }
      case 2: {
        List<Outcome> outcomes = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
          outcomes.add(random.nextBoolean()
              ? Outcome.success(randomValue(random, 3), random.nextLong(), random.nextInt(1 << 30))
              : Outcome.failure(new RemoteError(randomString(random), randomString(random), randomString(random)),
                  random.nextLong(), random.nextInt(1 << 30)));
        }
        return new Done(random.nextLong(), randomString(random), outcomes);
      }
      default:
        return new Invalid(randomString(random), randomString(random));
    }
  }

  /** A JSON value as the reader returns it: integers that fit a long are Long, others BigInteger. */
  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 7);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return random.nextBoolean();
      case 2:
        return random.nextLong();
      case 3:
        return BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(1 + random.nextInt(1000)))
            .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
      case 4: {
        double value = Double.longBitsToDouble(random.nextLong());
        return Double.isFinite(value) ? value : random.nextGaussian(); // NaN and infinities are not JSON
      }
      case 5:
      case 6:
        return randomString(random);
      case 7: {
        List<Object> list = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
          list.add(randomValue(random, depth - 1));
        }
        return list;
      }
      default: {
        Map<String, Object> map = new LinkedHashMap<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
          map.put(randomString(random), randomValue(random, depth - 1));
        }
        return map;
      }
    }
  }

  /** Any valid Unicode text: ASCII, control characters, accents and characters beyond the BMP. */
  private static String randomString(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(5)) {
        case 0 -> text.append((char) random.nextInt(0x20));
        case 1 -> text.append("\"\\/\u007f\u00e9\u2713".charAt(random.nextInt(6)));
        case 2 -> text.appendCodePoint(0x1F600 + random.nextInt(80));
        default -> text.append((char) (0x20 + random.nextInt(0x5f)));
      }
    }
    return text.toString();
  }
}
