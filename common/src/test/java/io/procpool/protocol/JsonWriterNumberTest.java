package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class JsonWriterNumberTest {

  @Test
  void number_everyPowerOfTenAndItsNeighbours_writesWhatLongToStringDoes() throws IOException {
    List<Long> values = new ArrayList<>(List.of(0L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
    long power = 1;
    for (int exponent = 0; exponent <= 18; exponent++, power *= 10) {
      for (long near : new long[] {power - 1, power, power + 1}) {
        values.add(near);
        values.add(-near);
      }
    }

    for (long value : values) {
      assertEquals(Long.toString(value), written(value));
    }
  }

  @Test
  void number_randomValuesOfEveryLength_writesWhatLongToStringDoes() throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 100_000; i++) {
      long value = random.nextLong() >> random.nextInt(64); // every magnitude, both signs

      assertEquals(Long.toString(value), written(value));
    }
  }

  @Test
  void number_manyInOneBuffer_eachFollowsTheLast() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder expected = new StringBuilder();
    JsonWriter json = new JsonWriter(bytes, 64); // small, so numbers land at the buffer's end
    for (long value = 1; value < Long.MAX_VALUE / 7; value = value * 7 + 3) {
      json.number(value);
      json.raw(',');
      expected.append(value).append(',');
    }
    json.flush();

    assertEquals(expected.toString(), bytes.toString(StandardCharsets.ISO_8859_1));
  }

  private static String written(long value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonWriter json = new JsonWriter(bytes, 64);
    json.number(value);
    json.flush();
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }
}
