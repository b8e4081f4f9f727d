package io.procpool.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Integer arguments: any JSON integer that fits in 64 bits is taken exactly, anything larger is refused by value. */
final class ArgumentsTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"9223372036854775807", "-9223372036854775808", "0", "-1"})
  void asLong_integerAtTheEdgesOf64Bits_exact(String text) {
    long expected = Long.parseLong(text);

    assertEquals(expected, Arguments.asLong(new BigInteger(text), "cpu-heavy"));
    assertEquals(expected, Arguments.asLong(expected, "cpu-heavy"));
    assertEquals(expected, Arguments.asLong(" " + text + " ", "cpu-heavy"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "18446744073709551616",
      "123456789012345678901234567890"})
  void asLong_integerBeyond64Bits_refusedNamingTheValue(String text) {
    for (Object argument : new Object[] {new BigInteger(text), text}) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> Arguments.asLong(argument, "sleep"));

      assertEquals("sleep needs an integer argument that fits in 64 bits (from -9223372036854775808 to "
          + "9223372036854775807), got " + text, refused.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {9.223372036854775807E18, -9.3e18, 1e300, Double.NaN, Double.POSITIVE_INFINITY})
  void asLong_doubleBeyond64Bits_refused(double value) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Arguments.asLong(value, "cpu-heavy"));

    assertEquals("cpu-heavy needs an integer argument that fits in 64 bits (from -9223372036854775808 to "
        + "9223372036854775807), got " + value, refused.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {2.9, -2.9, -9.223372036854775808E18})
  void asLong_doubleWithin64Bits_fractionTruncated(double value) {
    assertEquals((long) value, Arguments.asLong(value, "cpu-heavy"));
  }
}
