package io.procpool.experiments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;

/** The summaries the experiments print: medians (upper for even counts) and rounded samples. */
final class Medians {
  private Medians() {}

  static double of(List<Double> values) {
    return percentile(values, 50);
  }

  static double percentile(List<Double> values, int percent) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
  }

  static String rounded(List<Double> values) {
    StringJoiner joined = new StringJoiner(", ");
    values.forEach(value -> joined.add(String.valueOf(Math.round(value))));
    return joined.toString();
  }
}
