package io.procpool.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected values come from an independent Python computation on unbounded integers:
 * {@code x ^= (x << 13) & M; x ^= x >> 7; x ^= (x << 17) & M} with {@code M = 2**64 - 1},
 * read back as signed 64-bit.
 */
final class CpuHeavyTest {

  @ParameterizedTest(name = "n = {0}")
  @CsvSource({
      "0,       88172645463325252",
      "1,       8748534153485358512",
      "2,       3040900993826735515",
      "10,      -3900740768000157071",
      "1000,    1363160026601443621",
      "1000000, 7290476056423008982",
  })
  void xorshift_steps_matchesIndependentComputation(long steps, long expected) {
    assertEquals(expected, CpuHeavy.xorshift(steps));
  }

  @Test
  void xorshift_negativeSteps_seed() {
    assertEquals(CpuHeavy.SEED, CpuHeavy.xorshift(-5));
  }

  @Test
  void run_numberOrNumericString_sameAsXorshift() throws Exception {
    CpuHeavy task = new CpuHeavy();

    assertEquals(1363160026601443621L, task.run(1000L));
    assertEquals(1363160026601443621L, task.run(1000));
    assertEquals(1363160026601443621L, task.run(" 1000 "));
  }

  @Test
  void run_notANumber_illegalArgumentNamingTask() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> new CpuHeavy().run("many"));

    assertEquals("cpu-heavy needs an integer argument, got many", thrown.getMessage());
  }

  @Test
  void run_twoToThe63_refusedRatherThanWrappedToNoSteps() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> new CpuHeavy().run(new BigInteger("9223372036854775808")));

    assertTrue(thrown.getMessage().endsWith("got 9223372036854775808"), thrown.getMessage());
  }
}
