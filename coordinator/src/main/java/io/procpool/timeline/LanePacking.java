package io.procpool.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Puts workers into rows. While they fit, each worker has its own row. Past that (a virtual
 * thread or a JVM per task gives hundreds), workers whose busy spans do not overlap share a
 * row, first fit in order of their start, so the chart still shows how many ran at once.
 *
 * @param rows the workers of each row, top first
 * @param packed whether any row holds more than one worker
 */
record LanePacking(List<List<String>> rows, boolean packed) {

  static LanePacking of(List<String> workers, Map<String, List<Bar>> bars, int maxRows) {
    List<List<String>> rows = new ArrayList<>();
    if (workers.size() <= maxRows) {
      workers.forEach(worker -> rows.add(List.of(worker)));
      return new LanePacking(rows, false);
    }
    List<String> byStart = new ArrayList<>(workers);
    byStart.sort(Comparator.comparingDouble(worker -> start(bars.get(worker))));
    List<Double> rowEnds = new ArrayList<>();
    for (String worker : byStart) {
      double start = start(bars.get(worker));
      double end = bars.get(worker).stream().mapToDouble(Bar::endMillis).max().orElse(start);
      int row = 0;
      while (row < rowEnds.size() && rowEnds.get(row) > start) {
        row++;
      }
      if (row == rowEnds.size()) {
        rows.add(new ArrayList<>());
        rowEnds.add(end);
      }
      rows.get(row).add(worker);
      rowEnds.set(row, end);
    }
    return new LanePacking(rows, true);
  }

  private static double start(List<Bar> bars) {
    return bars.stream().mapToDouble(Bar::startMillis).min().orElse(0);
  }
}
