package io.procpool.chart;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Where each of several stacked panels goes, and how wide it is drawn, so that all their plot
 * areas start and end at the same x: then one time (or worker) value sits at one x in every
 * panel. xchart sizes the y-axis labels and the legend to their text, so without this a
 * panel with longer lane names starts its zero further right (55 px between "main" and
 * "w1 pid 12345") and ends it elsewhere too. The edges are measured on each panel drawn once.
 */
record PanelPlacement(int x, int width) {

  static List<PanelPlacement> of(List<? extends Chart<?, ?>> charts) {
    int width = charts.stream().mapToInt(Chart::getWidth).max().orElse(1);
    List<int[]> insets = new ArrayList<>();
    int left = 0;
    int right = 0;
    for (Chart<?, ?> chart : charts) {
      int[] edges = plotEdges(BitmapEncoder.getBufferedImage(chart), chart.getStyler().getPlotBackgroundColor());
      int[] inset = {edges[0], chart.getWidth() - 1 - edges[1]};
      insets.add(inset);
      left = Math.max(left, inset[0]);
      right = Math.max(right, inset[1]);
    }
    List<PanelPlacement> placements = new ArrayList<>();
    for (int[] inset : insets) {
      int x = left - inset[0];
      placements.add(new PanelPlacement(x, width - right + inset[1] - x));
    }
    return placements;
  }

  /**
   * The first and last column of the plot area: columns mostly in the plot's background colour
   * (at least half as many such pixels as the fullest column; text drawn with anti-aliasing has
   * a few pixels of that light grey too). The whole width when there is no plot.
   */
  static int[] plotEdges(BufferedImage image, Color background) {
    int target = background.getRGB() & 0xFFFFFF;
    int[] counts = new int[image.getWidth()];
    int most = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == target) {
          counts[x]++;
        }
      }
      most = Math.max(most, counts[x]);
    }
    int first = 0;
    int last = image.getWidth() - 1;
    if (most > 0) {
      while (counts[first] * 2 < most) {
        first++;
      }
      while (counts[last] * 2 < most) {
        last--;
      }
    }
    return new int[] {first, last};
  }
}
