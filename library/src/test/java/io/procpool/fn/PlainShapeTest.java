package io.procpool.fn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plain values are written exactly as the strict mapper writes them, and only its canonical text is read. */
final class PlainShapeTest {
  record Point(long id, double x, double y, String label, boolean visible) {}

  record Line(Point from, Point to, Integer weight, List<Long> marks) {}

  record Renamed(@JsonProperty("b") long a) {}

  record WithGetter(long a) {
    public long getDouble() {
      return 2 * a;
    }
  }

  record WithOptional(Optional<String> name) {}

  record Checked(long positive) {
    Checked {
      if (positive < 0) {
        throw new IllegalArgumentException("negative");
      }
    }
  }

  static List<Line> lines;

  private static String plain(Type type, Object value) {
    StringBuilder out = new StringBuilder();
    assertTrue(PlainShape.of(type).write(value, out));
    return out.toString();
  }

  private static void assertTrue(boolean condition) {
    org.junit.jupiter.api.Assertions.assertTrue(condition);
  }

  private static Object read(Type type, String json) {
    JsonCursor in = new JsonCursor(json);
    Object value = PlainShape.of(type).read(in);
    return value != PlainShape.NOT_PLAIN && in.atEnd() ? value : PlainShape.NOT_PLAIN;
  }

  @Test
  void write_recordsStringsAndNumbers_equalsTheMappersText() throws Exception {
    Point odd = new Point(-7, 1e-300, 12345678.9, "quote \" back \\ tab \t nul \u0000 é € \uD83D\uDE00", false);
    Line line = new Line(odd, null, null, Arrays.asList(1L, null, Long.MIN_VALUE));
    for (Object value : List.of(new Point(1, 0.5, -0.25, "p", true), odd, line, new Point(0, -0.0, 1e22, "", true))) {
      String json = plain(value.getClass(), value);
      assertEquals(Values.MAPPER.writeValueAsString(value), json);
      assertEquals(value, read(value.getClass(), json));
      assertEquals(value, Values.MAPPER.readValue(json, value.getClass()));
    }
    Type lineList = PlainShapeTest.class.getDeclaredField("lines").getGenericType();
    List<Line> list = List.of(line, new Line(odd, odd, 3, List.of()));
    assertEquals(Values.MAPPER.writeValueAsString(list), plain(lineList, list));
    assertEquals(list, read(lineList, plain(lineList, list)));
  }

  @Test
  void of_typesTheMapperMayShapeDifferently_areNotPlain() {
    assertNull(PlainShape.of(Renamed.class));
    assertNull(PlainShape.of(WithGetter.class));
    assertNull(PlainShape.of(WithOptional.class));
    assertNull(PlainShape.of(Object.class));
    assertNull(PlainShape.of(char.class));
    assertNotNull(PlainShape.of(Checked.class));
  }

  @Test
  void write_nanOrNullForAPrimitive_isLeftToTheMapper() {
    assertFalse(PlainShape.of(Point.class).write(new Point(1, Double.NaN, 0, "", true), new StringBuilder()));
    assertFalse(PlainShape.of(long.class).write(null, new StringBuilder()));
    assertFalse(PlainShape.of(double.class).write(1, new StringBuilder()));
  }

  @Test
  void read_textTheMapperWouldJudge_isNotPlain() {
    String[] notCanonical = {
      "{\"id\":1,\"x\":0.5,\"y\":1.5,\"label\":\"p\"}", // missing component
      "{\"x\":0.5,\"id\":1,\"y\":1.5,\"label\":\"p\",\"visible\":true}", // another order
      "{\"id\":1.0,\"x\":0.5,\"y\":1.5,\"label\":\"p\",\"visible\":true}", // a float for a long
      "{\"id\":1,\"x\":1,\"y\":1.5,\"label\":\"p\",\"visible\":true}", // an integer for a double
      "{\"id\":1,\"x\":1.,\"y\":1.5,\"label\":\"p\",\"visible\":true}", // not JSON
      "{\"id\":01,\"x\":0.5,\"y\":1.5,\"label\":\"p\",\"visible\":true}", // a leading zero
      "{\"id\":1,\"x\":0.5,\"y\":1.5,\"label\":\"p\",\"visible\":\"true\"}", // a string for a boolean
      "{\"id\":1,\"x\":0.5,\"y\":1.5,\"label\":5,\"visible\":true}", // a number for a string
      "{\"id\":1, \"x\":0.5,\"y\":1.5,\"label\":\"p\",\"visible\":true}", // whitespace
      "{\"id\":1,\"x\":\"NaN\",\"y\":1.5,\"label\":\"p\",\"visible\":true}", // the mapper's NaN
      "{\"id\":null,\"x\":0.5,\"y\":1.5,\"label\":\"p\",\"visible\":true}", // null for a primitive
      "{\"id\":1,\"x\":0.5,\"y\":1.5,\"label\":\"p\",\"visible\":true,\"z\":1}", // an unknown property
    };
    for (String json : notCanonical) {
      assertSame(PlainShape.NOT_PLAIN, read(Point.class, json), json);
    }
    assertSame(PlainShape.NOT_PLAIN, read(long.class, "9223372036854775808"));
    assertSame(PlainShape.NOT_PLAIN, read(int.class, "2147483648"));
    assertSame(PlainShape.NOT_PLAIN, read(Checked.class, "{\"positive\":-1}"));
    assertEquals(-2147483648, read(int.class, "-2147483648"));
  }
}
