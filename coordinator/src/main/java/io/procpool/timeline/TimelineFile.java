package io.procpool.timeline;

import io.procpool.chart.ChartFiles;
import io.procpool.run.RunReport;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;

/** {@code --timeline FILE}: one Gantt panel per run, stacked, all on the same time scale. */
public final class TimelineFile {
  private TimelineFile() {}

  public static void write(List<RunReport> runs, Path file) {
    List<Timeline> timelines = runs.stream().map(Timeline::of).toList();
    double axis = timelines.stream().mapToDouble(TimelineFile::lastMillis).max().orElse(1);
    List<XYChart> charts = timelines.stream().map(timeline -> TimelineChart.draw(timeline, axis)).toList();
    ChartFiles.write(charts, timelines.stream().map(Timeline::describe).toList(), file);
  }

  /** The wall time, or a bar's end past it (the worker's clock may run a hair ahead). */
  private static double lastMillis(Timeline timeline) {
    return Math.max(timeline.wallMillis(), timeline.bars().stream().mapToDouble(Bar::endMillis).max().orElse(0));
  }
}
