package io.procpool.task;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Reads task arguments that arrive as JSON values. */
final class Arguments {
  /** Doubles from here up (2^63), and below its negation, have no long. */
  private static final double LONG_BOUND = 0x1p63;

  private Arguments() {}

  /**
   * The argument as a long, accepting any JSON number (a fraction is truncated) or a numeric
   * string. A value beyond 64 bits is refused rather than wrapped: 2^63 would wrap to a
   * negative count, and -2^63-1 to the largest one.
   */
  static long asLong(Object argument, String task) {
    if (argument instanceof BigInteger big) {
      return fitting(big, task);
    }
    if (argument instanceof BigDecimal decimal) {
      return fitting(decimal.toBigInteger(), task);
    }
    if (argument instanceof Double || argument instanceof Float) {
      double value = ((Number) argument).doubleValue();
      if (Double.isNaN(value) || value >= LONG_BOUND || value < -LONG_BOUND) {
        throw tooBig(argument, task);
      }
      return (long) value;
    }
    if (argument instanceof Number number) {
      return number.longValue(); // Long, Integer, Short, Byte: exact
    }
    if (argument instanceof String text) {
      try {
        return fitting(new BigInteger(text.trim()), task);
      } catch (NumberFormatException e) {
        // fall through to the common message
      }
    }
    throw new IllegalArgumentException(task + " needs an integer argument, got " + argument);
  }

  private static long fitting(BigInteger value, String task) {
    if (value.bitLength() > 63) {
      throw tooBig(value, task);
    }
    return value.longValue();
  }

  private static IllegalArgumentException tooBig(Object argument, String task) {
    return new IllegalArgumentException(task + " needs an integer argument that fits in 64 bits (from "
        + Long.MIN_VALUE + " to " + Long.MAX_VALUE + "), got " + argument);
  }
}
