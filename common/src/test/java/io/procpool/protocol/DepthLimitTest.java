package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The nesting limits docs/protocol.md states, at their exact boundaries: values up to 900 levels
 * are sent, lines up to 1000 levels (the message's own included) are read.
 */
final class DepthLimitTest {

  @Test
  void checkDepth_valueOf900Levels_sentAndOf901Refused() {
    assertEquals(900, Protocol.MAX_VALUE_DEPTH);
    assertDoesNotThrow(() -> JsonValues.checkDepth(nested(900), Protocol.MAX_VALUE_DEPTH));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> JsonValues.checkDepth(nested(901), Protocol.MAX_VALUE_DEPTH));

    assertTrue(refused.getMessage().startsWith("value nested deeper than 900 levels"), refused.getMessage());
  }

  @Test
  void decode_runLineOf1000Levels_readAndOf1001Refused() throws ProtocolException {
    // The run object and its args array are two levels: an argument of 998 makes 1000.
    Run run = (Run) MessageReader.decode(runLine(998));
    assertEquals(nested(998), run.args().get(0));

    ProtocolException refused = assertThrows(ProtocolException.class, () -> MessageReader.decode(runLine(999)));

    assertTrue(refused.getMessage().startsWith("invalid message (nesting deeper than 1000"), refused.getMessage());
  }

  @Test
  void decode_doneLineOf1000Levels_readAndOf1001Refused() throws ProtocolException {
    // The done object, its results array and the outcome object are three levels.
    Done done = (Done) MessageReader.decode(doneLine(997));
    assertEquals(nested(997), done.results().get(0).value());

    ProtocolException refused = assertThrows(ProtocolException.class, () -> MessageReader.decode(doneLine(998)));

    assertTrue(refused.getMessage().startsWith("invalid message (nesting deeper than 1000"), refused.getMessage());
  }

  private static String runLine(int valueDepth) {
    return "{\"type\":\"run\",\"id\":1,\"task\":\"echo\",\"args\":[" + nestedText(valueDepth) + "]}";
  }

  private static String doneLine(int valueDepth) {
    return "{\"type\":\"done\",\"id\":1,\"results\":[{\"value\":" + nestedText(valueDepth) + "}]}";
  }

  private static String nestedText(int depth) {
    return "[".repeat(depth) + "1" + "]".repeat(depth);
  }

  private static Object nested(int depth) {
    Object value = 1L;
    for (int i = 0; i < depth; i++) {
      value = List.of(value);
    }
    return value;
  }
}
