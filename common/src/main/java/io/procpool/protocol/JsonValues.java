package io.procpool.protocol;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rules for the plain Java values (null, Boolean, Long, BigInteger, Double, String, List, Map)
 * that stand for JSON values in task arguments and results.
 */
public final class JsonValues {
  private JsonValues() {}

  /**
   * Checks that the codec can write the value: no deeper than {@code maxDepth} levels of lists,
   * maps and arrays (which also catches a value that contains itself, which has no end).
   *
   * @throws IllegalArgumentException naming the limit, for a value nested too deep
   */
  public static void checkDepth(Object value, int maxDepth) {
    // The common scalars first, by their final classes: a test against the interfaces below
    // scans a Long's supertypes, and a chunk of a thousand numbers paid that a thousand times.
    if (value == null || value instanceof Long || value instanceof String || value instanceof Integer
        || value instanceof Double || value instanceof Boolean) {
      return;
    }
    if (!withinDepth(value, maxDepth)) {
      throw new IllegalArgumentException("value nested deeper than " + maxDepth
          + " levels of lists and maps (or containing itself) cannot be sent as JSON");
    }
  }

  private static boolean withinDepth(Object value, int depthLeft) {
    Iterable<?> children;
    if (value instanceof Map<?, ?> map) {
      children = map.values();
    } else if (value instanceof Iterable<?> items) {
      children = items;
    } else if (value instanceof Object[] items) {
      children = java.util.Arrays.asList(items);
    } else {
      return true;
    }
    if (depthLeft == 0) {
      return false;
    }
    for (Object child : children) {
      if (!withinDepth(child, depthLeft - 1)) {
        return false;
      }
    }
    return true;
  }
}
