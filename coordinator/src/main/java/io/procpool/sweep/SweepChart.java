package io.procpool.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Speedup over serial against worker count, a line per mode, with the ideal diagonal. */
public final class SweepChart {
  private static final Color[] MODE_COLOURS = {
      new Color(0x3B6EA8), new Color(0xE39B3C), new Color(0x55A868), new Color(0xC44E52),
      new Color(0x8172B2), new Color(0x937860)};

  private SweepChart() {}

  public static XYChart draw(SweepResult result) {
    XYChart chart = new XYChartBuilder().width(900).height(560)
        .title(String.format(Locale.ROOT, "Speedup over serial: %d %s tasks (%s), %d available processors",
            result.tasks(), result.workload(), result.sizes(), result.availableProcessors()))
        .xAxisTitle("workers (threads or worker processes)").yAxisTitle("speedup over serial (x)").build();
    Styler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE).setLegendPosition(Styler.LegendPosition.InsideNW)
        .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14)).setChartTitleBoxVisible(false);
    chart.getStyler().setXAxisDecimalPattern("0").setYAxisDecimalPattern("0.0").setYAxisMin(0.0)
        .setPlotBackgroundColor(new Color(0xF7F7F7));

    List<Integer> counts = result.points().stream().map(SweepPoint::workers).distinct().sorted().toList();
    double[] x = counts.stream().mapToDouble(Integer::doubleValue).toArray();
    XYSeries ideal = chart.addSeries("ideal (speedup = workers)", x, x);
    ideal.setMarker(SeriesMarkers.NONE);
    ideal.setLineColor(Color.GRAY);
    ideal.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f));

    List<String> modes = result.points().stream().map(SweepPoint::mode).distinct().toList();
    for (int m = 0; m < modes.size(); m++) {
      String mode = modes.get(m);
      List<SweepPoint> points = result.points().stream().filter(point -> point.mode().equals(mode)).toList();
      double[] workers = points.stream().mapToDouble(SweepPoint::workers).toArray();
      Color colour = MODE_COLOURS[m % MODE_COLOURS.length];
      XYSeries series = chart.addSeries(mode, workers, points.stream().mapToDouble(SweepPoint::speedup).toArray());
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setLineColor(colour);
      series.setMarkerColor(colour);
      series.setLineWidth(2.5f);
      if (points.stream().anyMatch(point -> point.startupMillis() > 0)) {
        XYSeries excluding = chart.addSeries(mode + " without its start-up", workers,
            points.stream().mapToDouble(SweepPoint::speedupExcludingStartup).toArray());
        excluding.setMarker(SeriesMarkers.DIAMOND);
        excluding.setLineColor(colour);
        excluding.setMarkerColor(colour);
        excluding.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {3f, 3f}, 0f));
      }
    }
    return chart;
  }
}
