package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time and vector scans against plain loops, for every byte value at every position
 * of a word.
 */
final class ByteScanTest {
  private static final int LENGTH = 200; // long enough for the word-wise and 64-byte vector loops

  /** This module's tests run once with the Vector API module and once without (see its pom). */
  @Test
  void vectorScans_onExactlyWhenTheModuleIsThere() {
    assertEquals(Boolean.getBoolean("procpool.test.vectors"), VectorScans.enabled());
  }

  @Test
  void scans_findTheSameByteAsAPlainLoop_forEveryByteAtEveryOffset() {
    byte[] bytes = new byte[LENGTH];
    for (int value = 0; value < 256; value++) {
      for (int at = 0; at < 64; at++) { // every lane of a 64-byte vector
        java.util.Arrays.fill(bytes, (byte) 'x');
        bytes[100 + at] = (byte) value;
        for (int from = 0; from < 8; from++) {
          check(bytes, from);
        }
      }
    }
  }

  @Test
  void scans_findTheSameByteAsAPlainLoop_onRandomText() {
    Random random = new Random(42);
    byte[] alphabet = {'x', 'y', ' ', '~', '"', '\\', '?', '\n', 0, 0x1f, 0x20, 0x21, 0x7f, (byte) 0x80,
        (byte) 0xc3, (byte) 0xff, 0x01, 0x5b, 0x5d, 0x3e, 0x40};
    byte[] bytes = new byte[LENGTH];
    for (int round = 0; round < 20_000; round++) {
      java.util.Arrays.fill(bytes, (byte) 'x');
      int stops = 1 + random.nextInt(3);
      for (int s = 0; s < stops; s++) {
        bytes[random.nextInt(LENGTH)] = alphabet[random.nextInt(alphabet.length)];
      }
      check(bytes, random.nextInt(16));
    }
  }

  private static void check(byte[] bytes, int from) {
    int to = bytes.length;
    assertEquals(plainNewline(bytes, from, to), ByteScan.indexOfNewline(bytes, from, to));
    int plain = plainString(bytes, from, to);
    assertEquals(plain, ByteScan.endOfPlainString(bytes, from, to));
    // Each loop may stop early, at the start of a word or vector holding a stop, never past it.
    assertEquals(plain, plainString(bytes, ByteScan.Words.skipPlainString(bytes, from, to), to), "word-wise");
    if (VectorScans.enabled()) {
      assertEquals(plain, plainString(bytes, VectorLoops.skipPlainString(bytes, from, to), to), "vector");
    }
  }

  private static int plainNewline(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int plainString(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      int b = bytes[i] & 0xff;
      if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) {
        return i;
      }
    }
    return to;
  }
}
