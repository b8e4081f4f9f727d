package io.procpool.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.VectorHints;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Saves charts as PNG or SVG, chosen by the file's extension. Several charts become one file,
 * stacked top to bottom with their plot areas aligned ({@link PanelPlacement}), so that
 * panels drawn to one scale can be compared at a glance.
 */
public final class ChartFiles {
  private ChartFiles() {}

  /** The formats a file name may ask for. */
  public enum Format { PNG, SVG }

  static {
    // Charts are drawn off screen; without this a JVM with a DISPLAY set would try to reach it.
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * The format a file name asks for.
   *
   * @throws IllegalArgumentException for any extension but .png and .svg
   */
  public static Format formatOf(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return Format.PNG;
    }
    if (lower.endsWith(".svg")) {
      return Format.SVG;
    }
    throw new IllegalArgumentException("'" + fileName + "' should end in .png or .svg");
  }

  /** Writes the charts to {@code file}, one above the other. */
  public static void write(List<? extends Chart<?, ?>> charts, Path file) {
    write(charts, List.of(), file);
  }

  /**
   * Writes the charts to {@code file}, one above the other. xchart draws all text as outlines,
   * so an SVG also gets each panel's description as {@code <title>} and {@code <desc>}, for
   * screen readers, search and tests.
   *
   * @param descriptions one text per chart (its first line is the title), or none
   */
  public static void write(List<? extends Chart<?, ?>> charts, List<String> descriptions, Path file) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      if (formatOf(file.getFileName().toString()) == Format.PNG) {
        ImageIO.write(stacked(charts), "png", file.toFile());
      } else {
        Files.writeString(file, stackedSvg(charts, descriptions), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static BufferedImage stacked(List<? extends Chart<?, ?>> charts) {
    int width = charts.stream().mapToInt(Chart::getWidth).max().orElse(1);
    int height = charts.stream().mapToInt(Chart::getHeight).sum();
    BufferedImage image = new BufferedImage(width, Math.max(1, height), BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setColor(Color.WHITE);
    graphics.fillRect(0, 0, width, height);
    List<PanelPlacement> placements = PanelPlacement.of(charts);
    int y = 0;
    for (int panel = 0; panel < charts.size(); panel++) {
      Chart<?, ?> chart = charts.get(panel);
      PanelPlacement placement = placements.get(panel);
      Graphics2D panelGraphics = (Graphics2D) graphics.create(placement.x(), y, placement.width(), chart.getHeight());
      chart.paint(panelGraphics, placement.width(), chart.getHeight());
      panelGraphics.dispose();
      y += chart.getHeight();
    }
    graphics.dispose();
    return image;
  }

  /** One chart as SVG, drawn {@code width} wide, its text kept as text (selectable, searchable) rather than outlines. */
  private static String svgOf(Chart<?, ?> chart, int width) throws IOException {
    VectorGraphics2D graphics = new VectorGraphics2D();
    graphics.setRenderingHint(VectorHints.KEY_TEXT, VectorHints.VALUE_TEXT_DEFAULT);
    chart.paint(graphics, width, chart.getHeight());
    Document document = new SVGProcessor().getDocument(graphics.getCommands(),
        new PageSize(0, 0, width, chart.getHeight()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    document.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** One SVG document holding each chart's own SVG as a nested, shifted {@code <svg>}. */
  private static String stackedSvg(List<? extends Chart<?, ?>> charts, List<String> descriptions)
      throws IOException {
    int width = charts.stream().mapToInt(Chart::getWidth).max().orElse(1);
    int height = charts.stream().mapToInt(Chart::getHeight).sum();
    StringBuilder svg = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" ")
        .append("width=\"").append(width).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n");
    List<PanelPlacement> placements = PanelPlacement.of(charts);
    int y = 0;
    for (int panel = 0; panel < charts.size(); panel++) {
      Chart<?, ?> chart = charts.get(panel);
      PanelPlacement placement = placements.get(panel);
      String document = svgOf(chart, placement.width());
      // Clip ids must stay unique once several documents share one file.
      String nested = document.substring(document.indexOf("<svg")).replaceAll("#clip", "#panel" + panel + "clip")
          .replaceAll("id=\"clip", "id=\"panel" + panel + "clip");
      int rootEnd = nested.indexOf('>');
      String root = nested.substring(0, rootEnd).replaceAll("\\s(x|y)=\"[^\"]*\"", "");
      svg.append(root).append(" x=\"").append(placement.x()).append("\" y=\"").append(y).append("\">");
      if (panel < descriptions.size()) {
        String text = escape(descriptions.get(panel));
        svg.append("\n  <title>").append(text.lines().findFirst().orElse("")).append("</title>")
            .append("\n  <desc>").append(text).append("</desc>");
      }
      svg.append(nested.substring(rootEnd + 1)).append('\n');
      y += chart.getHeight();
    }
    return svg.append("</svg>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
