package io.procpool.timeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link Timeline} as a Gantt chart with xchart: every bar is a two-point line series
 * with a stroke as thick as most of its lane, since xchart has no Gantt chart of its own.
 */
public final class TimelineChart {
  static final Color TASK = new Color(0x3B6EA8);
  static final Color TASK_ALTERNATE = new Color(0x7FA7D4);
  static final Color FAILED = new Color(0xC44E52);
  static final Color STARTUP = new Color(0xE39B3C);
  private static final int WIDTH = 1150;
  private static final int LANE_PIXELS = 34;
  /** Title and x axis take about this much of the height. */
  private static final int FRAME_PIXELS = 110;
  private static final int CHARS_PIXELS = 8;
  private static final int MIN_HEIGHT = 190;
  /** More bars than this are merged where they touch: see {@link #drawable}. */
  static final int MAX_BARS = 2000;

  private TimelineChart() {}

  /** The chart, with its time axis running to {@code axisMillis} so that panels share a scale. */
  public static XYChart draw(Timeline timeline, double axisMillis) {
    int lanes = Math.max(1, timeline.lanes().size());
    // Not lower: in a shorter chart xchart puts annotations (the bar labels) at the wrong height.
    int height = Math.max(MIN_HEIGHT, FRAME_PIXELS + lanes * LANE_PIXELS);
    XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(timeline.title())
        .yAxisTitle(timeline.laneTitle()).build(); // no x title: xchart then misplaces annotations
    style(chart, timeline, axisMillis);

    // xchart places annotations by the data's range, not the axis's: an invisible series spans it.
    XYSeries frame = chart.addSeries("frame", new double[] {0, 0}, new double[] {-0.6, lanes - 0.4});
    frame.setMarker(SeriesMarkers.NONE);
    frame.setLineColor(new Color(0, 0, 0, 0));
    frame.setShowInLegend(false);
    float thickness = Math.max(2f, LANE_PIXELS * 0.6f);
    double pixelsPerMilli = (WIDTH - 420) / Math.max(1, axisMillis);
    boolean[] inLegend = new boolean[Bar.Kind.values().length];
    int[] perLane = new int[lanes];
    int number = 0;
    for (Bar bar : drawable(timeline.bars(), 1 / pixelsPerMilli)) {
      double y = lanes - 1 - bar.lane();
      double end = Math.max(bar.endMillis(), bar.startMillis() + 0.5 / pixelsPerMilli); // a visible sliver
      XYSeries series = chart.addSeries("bar " + number++, new double[] {bar.startMillis(), end},
          new double[] {y, y});
      series.setMarker(SeriesMarkers.NONE);
      series.setLineStyle(new BasicStroke(thickness, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
      series.setLineColor(colour(bar, perLane));
      series.setShowInLegend(!inLegend[bar.kind().ordinal()]);
      series.setLabel(legend(bar.kind()));
      inLegend[bar.kind().ordinal()] = true;
      if (!bar.label().isEmpty() && bar.lengthMillis() * pixelsPerMilli > (bar.label().length() + 1) * CHARS_PIXELS) {
        chart.addAnnotation(new AnnotationText(bar.label(), (bar.startMillis() + end) / 2, y, false));
      }
    }
    if (timeline.readyMillis() > 0) {
      chart.addAnnotation(new AnnotationLine(timeline.readyMillis(), true, false));
    }
    chart.addAnnotation(new AnnotationLine(timeline.wallMillis(), true, false));
    return chart;
  }

  /**
   * The bars to draw: all of them while they are few; past {@link #MAX_BARS} (a million noop
   * tasks), tasks of a lane less than a pixel apart merge into one bar, so the picture still
   * shows busy and idle time and drawing stays quick.
   */
  static List<Bar> drawable(List<Bar> bars, double millisPerPixel) {
    if (bars.size() <= MAX_BARS) {
      return bars;
    }
    List<Bar> sorted = new ArrayList<>(bars);
    sorted.sort(Comparator.comparingInt(Bar::lane).thenComparingDouble(Bar::startMillis));
    List<Bar> merged = new ArrayList<>();
    Bar current = null;
    int count = 0;
    for (Bar bar : sorted) {
      if (current != null && bar.kind() == Bar.Kind.TASK && current.kind() == Bar.Kind.TASK
          && bar.lane() == current.lane() && bar.startMillis() - current.endMillis() < millisPerPixel) {
        count++;
        current = new Bar(current.lane(), current.startMillis(), Math.max(current.endMillis(), bar.endMillis()),
            Bar.Kind.TASK, count + " tasks");
        continue;
      }
      if (current != null) {
        merged.add(current);
      }
      current = bar;
      count = 1;
    }
    if (current != null) {
      merged.add(current);
    }
    return merged;
  }

  private static void style(XYChart chart, Timeline timeline, double axisMillis) {
    Styler styler = chart.getStyler();
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(axisMillis * 1.02)
        .setYAxisMin(-0.6).setYAxisMax(timeline.lanes().size() - 0.4)
        .setPlotGridHorizontalLinesVisible(false)
        .setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(new Color(0xF7F7F7))
        // Outside east: xchart misplaces annotations when the legend sits below the plot.
        .setLegendPosition(Styler.LegendPosition.OutsideE).setLegendLayout(Styler.LegendLayout.Vertical)
        .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14))
        .setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11))
        .setAnnotationTextFontColor(Color.WHITE)
        .setAnnotationLineColor(new Color(0x555555))
        .setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {4f, 4f}, 0f));
    chart.getStyler().setChartTitleBoxVisible(false);
    int lanes = timeline.lanes().size();
    chart.setCustomXAxisTickLabelsFormatter(millis -> String.format(java.util.Locale.ROOT, "%,.0f ms", millis));
    chart.setCustomYAxisTickLabelsFormatter(value -> {
      long lane = Math.round(value);
      if (Math.abs(value - lane) > 1e-6 || lane < 0 || lane >= lanes) {
        // Blank, yet different for each tick: xchart thins out ticks whose labels repeat.
        return " ".repeat(1 + (int) Math.round((value + 1) * 4));
      }
      return timeline.lanes().get((int) (lanes - 1 - lane));
    });
  }

  /** Neighbouring tasks on a lane alternate shades, so that back-to-back tasks stay apart. */
  private static Color colour(Bar bar, int[] perLane) {
    switch (bar.kind()) {
      case STARTUP:
        return STARTUP;
      case FAILED_TASK:
        return FAILED;
      default:
        return perLane[bar.lane()]++ % 2 == 0 ? TASK : TASK_ALTERNATE;
    }
  }

  private static String legend(Bar.Kind kind) {
    switch (kind) {
      case STARTUP:
        return "worker JVM start-up";
      case FAILED_TASK:
        return "failed task";
      default:
        return "task running (#index)";
    }
  }
}
