package io.procpool.task;

/** Reads task arguments that arrive as JSON values. */
final class Arguments {
  private Arguments() {}

  /** The argument as a long, accepting any JSON number or a numeric string. */
  static long asLong(Object argument, String task) {
    if (argument instanceof Number number) {
      return number.longValue();
    }
    if (argument instanceof String text) {
      try {
        return Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        // fall through to the common message
      }
    }
    throw new IllegalArgumentException(task + " needs an integer argument, got " + argument);
  }
}
