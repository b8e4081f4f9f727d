package io.procpool.fn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A JSON line becomes a call's arguments exactly as the line spells them, or a one-line refusal. */
final class ArgumentsFromJsonTest {

  /** Methods as the command line names them: public and static. */
  public static final class Methods {
    private Methods() {}

    public static BigDecimal decimal(BigDecimal value) {
      return value;
    }

    public static String three(BigDecimal decimal, double ratio, List<String> words) {
      return decimal + " " + ratio + " " + words;
    }

    public static double ratio(double value) {
      return value;
    }
  }

  private static Invocation method(String name) {
    return Invocation.ofMethod(Methods.class.getName() + "::" + name, Methods.class.getClassLoader());
  }

  @Test
  void argumentsFromJson_numbersADoubleWouldBlur_keepTheLinesOwnText() {
    assertEquals("[0.1000000000000000055511151231257827]", method("decimal").argumentsFromJson("0.1000000000000000055511151231257827"));
    assertEquals("[1.500]", method("decimal").argumentsFromJson("  1.500  "));
    assertEquals("[1E+400]", method("decimal").argumentsFromJson("1E+400"));
    assertEquals("[-0.0]", method("ratio").argumentsFromJson("-0.0"));
  }

  @Test
  void argumentsFromJson_arrayOverSeveralParameters_keepsEachElementsText() {
    assertEquals("[1.50,-0.0,[\"a \\\" ]\", \"b\"]]",
        method("three").argumentsFromJson("[1.50, -0.0, [\"a \\\" ]\", \"b\"]]"));
  }

  @Test
  void argumentsFromJson_lineThatIsNotOneFittingValue_isRefusedSayingWhy() {
    assertEquals("more than one JSON value on the line",
        assertThrows(IllegalArgumentException.class, () -> method("decimal").argumentsFromJson("1.5 2")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> method("ratio").argumentsFromJson("1e400"))
        .getMessage().contains("1e400 is out of range for a double"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> method("three").argumentsFromJson("[1, 2]"))
        .getMessage().endsWith("takes 3 arguments: give a JSON array of 3"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> method("decimal").argumentsFromJson("[1.5"))
        .getMessage().startsWith("not JSON: "));
    // NaN is not JSON: a NaN argument is the string "NaN", as a NaN result is written.
    assertTrue(assertThrows(IllegalArgumentException.class, () -> method("ratio").argumentsFromJson("NaN"))
        .getMessage().startsWith("not JSON: "));
    assertEquals("[\"NaN\"]", method("ratio").argumentsFromJson("\"NaN\""));
  }
}
