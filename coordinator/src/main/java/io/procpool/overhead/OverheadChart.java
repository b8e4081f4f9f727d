package io.procpool.overhead;

import io.procpool.output.OutputFile;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the round-trip latency distribution and the per-task cost by mode side by side, with
 * XChart, as PNG or SVG by the file's extension.
 */
public final class OverheadChart {
  private static final int PANEL_WIDTH = 720;
  private static final int HEIGHT = 480;

  private OverheadChart() {}

  /** Whether the file name asks for a format this class writes. */
  public static boolean supports(Path file) {
    return format(file).isPresent();
  }

  public static void write(Path file, OverheadReport report) {
    System.setProperty("java.awt.headless", "true");
    write(file, List.of(latency(report), perTask(report)));
  }

  /** The transports (and codecs) side by side: round trip p50 and p99, and noop per task with its CPU time. */
  public static void write(Path file, TransportComparison.Result result) {
    System.setProperty("java.awt.headless", "true");
    List<String> names = result.labels();
    String axis = result.codecsDiffer() ? "transport/codec" : "transport";
    // More than four labels side by side run into each other at this width.
    int rotation = names.size() > 4 ? 30 : 0;
    CategoryChart latency = bars("Noop round trip, one in flight", "µs", axis, rotation);
    latency.addSeries("p50", names, result.columns().stream().map(column -> column.roundTrip().p50()).toList());
    latency.addSeries("p99", names, result.columns().stream().map(column -> column.roundTrip().p99()).toList());
    CategoryChart perTask = bars("Noop per task, chunksize 1, " + result.inFlight() + " in flight", "µs per task",
        axis, rotation);
    perTask.addSeries("wall", names, result.columns().stream().map(TransportComparison.Column::noopMicros).toList());
    perTask.addSeries("CPU, all processes", names,
        result.columns().stream().map(TransportComparison.Column::cpuMicrosPerTask).toList());
    write(file, List.of(latency, perTask));
  }

  private static CategoryChart bars(String title, String unit, String axis, int labelRotation) {
    CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(HEIGHT)
        .title(title).xAxisTitle(axis).yAxisTitle(unit).build();
    chart.getStyler().setXAxisLabelRotation(labelRotation);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setLabelsVisible(true);
    chart.setCustomYAxisTickLabelsFormatter(OverheadChart::number);
    return chart;
  }

  private static void write(Path file, List<Chart<?, ?>> panels) {
    String format = format(file).orElseThrow(() -> new IllegalArgumentException(
        "chart file must end in .png or .svg: " + file));
    int width = PANEL_WIDTH * panels.size();
    OutputFile.of(file).write(out -> {
      if (format.equals("png")) {
        BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paint(graphics, panels);
        graphics.dispose();
        ImageIO.write(image, "png", out);
      } else {
        VectorGraphics2D graphics = new VectorGraphics2D();
        paint(graphics, panels);
        Processors.get("svg").getDocument(graphics.getCommands(), new PageSize(0, 0, width, HEIGHT)).writeTo(out);
      }
    });
  }

  private static void paint(Graphics2D graphics, List<Chart<?, ?>> panels) {
    for (Chart<?, ?> panel : panels) {
      panel.paint(graphics, PANEL_WIDTH, HEIGHT);
      graphics.translate(PANEL_WIDTH, 0);
    }
  }

  private static Optional<String> format(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".png")) {
      return Optional.of("png");
    }
    if (name.endsWith(".svg")) {
      return Optional.of("svg");
    }
    return Optional.empty();
  }

  /**
   * Latency by percentile, the usual HdrHistogram plot: x is 1/(1-p) on a log axis, so each
   * decade is one more nine (90%, 99%, 99.9%).
   */
  private static XYChart latency(OverheadReport report) {
    RoundTripFigures figures = report.roundTrip();
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(HEIGHT)
        .title(String.format(Locale.ROOT, "Noop round trip, one in flight (%d samples)",
            figures.latency().samples()))
        .xAxisTitle("percentile").yAxisTitle("round trip (µs, log)").build();
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (HistogramIterationValue value : figures.nanos().percentiles(5)) {
      double percentile = value.getPercentileLevelIteratedTo();
      if (percentile >= 100.0) {
        break;
      }
      x.add(100.0 / (100.0 - percentile));
      y.add(value.getValueIteratedTo() / 1000.0);
    }
    if (x.isEmpty()) {
      x.add(1.0);
      y.add(figures.latency().p50());
    }
    XYSeries series = chart.addSeries("process pool", x, y);
    series.setMarker(SeriesMarkers.NONE);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
    chart.getStyler().setYAxisLogarithmic(true); // the tail is 100x the median: log keeps both visible
    double fastest = y.stream().mapToDouble(Double::doubleValue).min().orElse(1);
    chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(Math.max(fastest, 0.001))))); // a labelled decade below the median
    chart.setCustomYAxisTickLabelsFormatter(OverheadChart::number);
    chart.setCustomXAxisTickLabelsFormatter(OverheadChart::percentileLabel);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    return chart;
  }

  static String percentileLabel(double inverseTail) {
    double percentile = 100.0 - 100.0 / inverseTail;
    if (percentile <= 0) {
      return "0%";
    }
    return new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(percentile) + "%";
  }

  private static String number(double value) {
    return new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
  }

  /** Per-task cost of noop by mode, one bar per chunksize, on a log axis: the modes differ a thousandfold. */
  private static CategoryChart perTask(OverheadReport report) {
    CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(HEIGHT)
        .title("Per-task cost of noop, many in flight").xAxisTitle("mode").yAxisTitle("µs per task (log)").build();
    List<String> modes = List.of("process", "thread", "serial");
    double smallest = Double.MAX_VALUE;
    double largest = 0;
    for (int chunksize : OverheadSettings.CHUNKSIZES) {
      List<String> names = new ArrayList<>();
      List<Double> micros = new ArrayList<>();
      for (String mode : modes) {
        report.point(mode, chunksize).ifPresent(point -> {
          names.add(mode);
          micros.add(Math.max(point.microsPerTask(), 0.001)); // a log axis cannot show 0
        });
      }
      for (double value : micros) {
        smallest = Math.min(smallest, value);
        largest = Math.max(largest, value);
      }
      if (!names.isEmpty()) {
        chart.addSeries("chunksize " + chunksize, names, micros);
      }
    }
    chart.getStyler().setYAxisLogarithmic(true);
    if (largest > 0) {
      // Whole decades; XChart also needs an explicit positive floor for bars on a log axis.
      chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
      chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(largest * 1.5))));
    }
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setLabelsVisible(true);
    chart.setCustomYAxisTickLabelsFormatter(OverheadChart::number);
    return chart;
  }
}
