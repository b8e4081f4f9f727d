package io.procpool.overhead;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and maximum of the few repeated measurements a probe takes (HdrHistogram is for the many). */
public final class Samples {
  private Samples() {}

  /** The median; the mean of the middle two for an even count; NaN when empty. */
  public static double median(List<? extends Number> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values.size());
    values.forEach(value -> sorted.add(value.doubleValue()));
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** The largest value; NaN when empty. */
  public static double max(List<? extends Number> values) {
    return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
  }
}
