package io.procpool.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the bytes that matter to the codec eight at a time (SWAR: a 64-bit word tested with
 * bit tricks), because payloads of megabytes are scanned several times per round trip; or,
 * for the plain-string scan, with the Vector API when this JVM has it ({@link VectorScans}).
 * Short ranges use a plain loop, so the start-up path never initialises the word access.
 */
final class ByteScan {
  /** Below this many bytes the plain loop is as fast, and needs no {@link VarHandle}. */
  private static final int WORDWISE_FROM = 64;

  private ByteScan() {}

  /** Index of the first {@code '\n'} in {@code [from, to)}, or -1. */
  static int indexOfNewline(byte[] bytes, int from, int to) {
    int i = to - from >= WORDWISE_FROM ? Words.skipToNewline(bytes, from, to) : from;
    for (; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Index of the first byte in {@code [from, to)} that ends a run of plain string content in a
   * JSON text: {@code '"'}, {@code '\\'}, a control byte or a non-ASCII byte; {@code to} if none.
   */
  static int endOfPlainString(byte[] bytes, int from, int to) {
    int i = to - from >= WORDWISE_FROM ? Words.skipPlain(bytes, from, to) : from;
    for (; i < to; i++) {
      int b = bytes[i];
      if (b == '"' || b == '\\' || b < 0x20) { // non-ASCII bytes are negative
        return i;
      }
    }
    return to;
  }

  /** The word-at-a-time loops; a holder class so the VarHandle is made on first use only. */
  static final class Words {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * 0x20;
    private static final boolean VECTORS = VectorScans.enabled();

    /** Each returns the start of the first word that may hold a match; the caller finishes bytewise. */
    static int skipToNewline(byte[] bytes, int from, int to) {
      int i = from;
      for (; i + 32 <= to; i += 32) {
        if ((zero(word(bytes, i) ^ NEWLINES) | zero(word(bytes, i + 8) ^ NEWLINES)
            | zero(word(bytes, i + 16) ^ NEWLINES) | zero(word(bytes, i + 24) ^ NEWLINES)) != 0) {
          break;
        }
      }
      for (; i + 8 <= to; i += 8) {
        if (zero(word(bytes, i) ^ NEWLINES) != 0) {
          break;
        }
      }
      return i;
    }

    /** Vector loops when this JVM has the Vector API (see {@link VectorScans}), else word-wise. */
    static int skipPlain(byte[] bytes, int from, int to) {
      return VECTORS ? VectorLoops.skipPlainString(bytes, from, to) : skipPlainString(bytes, from, to);
    }

    static int skipPlainString(byte[] bytes, int from, int to) {
      int i = from;
      for (; i + 32 <= to; i += 32) {
        if ((plainStringStop(word(bytes, i)) | plainStringStop(word(bytes, i + 8))
            | plainStringStop(word(bytes, i + 16)) | plainStringStop(word(bytes, i + 24))) != 0) {
          break;
        }
      }
      for (; i + 8 <= to; i += 8) {
        if (plainStringStop(word(bytes, i)) != 0) {
          break;
        }
      }
      return i;
    }

    /**
     * Non-zero when some byte is a stop byte. The usual zero-byte test {@code (x - ONES) & ~x}
     * needs no {@code & ~x} here: x has its high bit where the word does, and a word with any
     * high bit set stops anyway. Exact as a yes/no answer, which is all the callers use.
     */
    private static long plainStringStop(long word) {
      return (((word ^ QUOTES) - ONES) | ((word ^ BACKSLASHES) - ONES) | (word - SPACES) | word) & HIGHS;
    }

    private static long word(byte[] bytes, int index) {
      return (long) LONGS.get(bytes, index);
    }

    /** Non-zero when some byte of the word is zero (exact as a yes/no answer). */
    private static long zero(long word) {
      return zeroBits(word) & HIGHS;
    }

    private static long zeroBits(long word) {
      return (word - ONES) & ~word;
    }
  }
}
