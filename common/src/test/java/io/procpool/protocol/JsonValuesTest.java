package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JsonValuesTest {

  @Test
  void checkDepth_valueAtTheLimit_passes() {
    assertDoesNotThrow(() -> JsonValues.checkDepth(nested(3), 3));
    assertDoesNotThrow(() -> JsonValues.checkDepth(Map.of("a", List.of(1L, "x")), 2));
    assertDoesNotThrow(() -> JsonValues.checkDepth("plain", 0));
  }

  @Test
  void checkDepth_valueTooDeep_namesTheLimit() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> JsonValues.checkDepth(nested(4), 3));

    assertTrue(thrown.getMessage().contains("deeper than 3 levels"), thrown.getMessage());
  }

  @Test
  void checkDepth_listContainingItself_isRefusedNotOverflowed() {
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);

    assertThrows(IllegalArgumentException.class, () -> JsonValues.checkDepth(cyclic, Protocol.MAX_VALUE_DEPTH));
  }

  private static Object nested(int depth) {
    Object value = 1L;
    for (int i = 0; i < depth; i++) {
      value = List.of(value);
    }
    return value;
  }
}
