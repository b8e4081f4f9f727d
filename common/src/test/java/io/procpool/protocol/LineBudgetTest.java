package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Room on one done line: sizes as the writer writes them, and who is refused. */
final class LineBudgetTest {
  private static final int LINE = 10_000;

  @Test
  void stringBytes_everyKindOfCharacter_isWhatTheWriterWrites() {
    String[] samples = {"", "plain", "quote \" and \\ back", "tab\tnew\nline\r\u0001\u001f", "é ü ß ø",
        "€ ✓ 中文", "pair \ud83d\ude00 and lone \ud800", "x".repeat(5000) + "\"" + "y".repeat(3000),
        "é".repeat(2000) + "\n"};
    for (String text : samples) {
      assertEquals(wireBytes(done(text)) - wireBytes(done("")) + 2, JsonWriter.stringBytes(text),
          () -> "for " + text.substring(0, Math.min(20, text.length())));
    }
  }

  @Test
  void take_valuesThatFit_areTaken() {
    LineBudget budget = LineBudget.forResults(LINE, 0);

    budget.take(42L);
    budget.take("x".repeat(LINE / 2)); // six bytes a char would not fit: counted exactly
    budget.take(Arrays.asList(1L, null, Map.of("k", "v")));
  }

  @Test
  void take_valueLongerThanTheLine_refusedNamingBothSizes() {
    LineBudget budget = LineBudget.forResults(LINE, 0);

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> budget.take(List.of("\"".repeat(LINE / 2))));

    assertTrue(refused.getMessage().startsWith("the result is " + (LINE + 4) + " bytes of JSON, more than one"
        + " protocol line holds (" + LINE + " bytes): return less, or let long strings travel off the line"),
        refused.getMessage());
  }

  @Test
  void take_resultsThatTogetherOverflow_theOneThatOverflowsIsRefusedNamingTheChunk() {
    LineBudget budget = LineBudget.forResults(LINE, 0);
    budget.take("a".repeat(LINE / 2));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> budget.take("b".repeat(LINE / 2)));

    assertTrue(refused.getMessage().contains("the results before it in its chunk left of one protocol line ("
        + LINE + " bytes): use a smaller chunksize"), refused.getMessage());
    budget.take("c"); // what is left still takes what fits
  }

  @Test
  void take_stringThatTravelsOffTheLine_takesOnlyItsReference() {
    LineBudget budget = LineBudget.forResults(LINE, 100);

    for (int i = 0; i < 20; i++) {
      budget.take("z".repeat(LINE));
    }
  }

  @Test
  void take_failures_useTheRoomTheirTextTakes() {
    LineBudget budget = LineBudget.forResults(LINE, 0);
    budget.take(new RemoteError("java.lang.IllegalStateException", "m".repeat(LINE / 4), "t".repeat(LINE / 4)));

    assertThrows(IllegalArgumentException.class, () -> budget.take("v".repeat(LINE / 2)));
  }

  private static long wireBytes(Message message) {
    return MessageWriter.encode(message).getBytes(StandardCharsets.UTF_8).length;
  }

  private static Done done(String value) {
    return new Done(1, "main", List.of(Outcome.success(value, 0, 0)), false);
  }

  @Test
  void forArguments_argumentsThatOverflow_refusedNamingArgumentAndChunk() {
    LineBudget alone = LineBudget.forArguments("echo", LINE, 0);
    LineBudget chunk = LineBudget.forArguments("echo", LINE, 0);
    chunk.take("a".repeat(LINE / 2));

    IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class, () -> alone.take("b".repeat(LINE)));
    IllegalArgumentException overflows = assertThrows(IllegalArgumentException.class,
        () -> chunk.take("b".repeat(LINE / 2)));

    assertTrue(tooLarge.getMessage().startsWith("the argument is " + (LINE + 2) + " bytes of JSON, more than one"
        + " protocol line holds (" + LINE + " bytes): send less, or"), tooLarge.getMessage());
    assertTrue(overflows.getMessage().contains("the arguments before it in its chunk left of one protocol line"),
        overflows.getMessage());
  }
}
