package io.procpool.experiments;

import java.util.List;

/** One {@code label=value} argument: a set-up an experiment alternates with others. */
record LabelledSpec(String label, String value) {

  static LabelledSpec parse(String argument) {
    String[] parts = argument.split("=", 2);
    return new LabelledSpec(parts[0], parts.length > 1 ? parts[1].trim() : "");
  }

  /** The value's space-separated words (JVM options or a command), none for an empty value. */
  List<String> words() {
    return words(value);
  }

  static List<String> words(String text) {
    return text.isBlank() ? List.of() : List.of(text.trim().split(" +"));
  }
}
