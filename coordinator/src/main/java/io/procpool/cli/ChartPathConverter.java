package io.procpool.cli;

import io.procpool.chart.ChartFiles;
import java.nio.file.Path;
import picocli.CommandLine;

/** A chart file name: refused before anything runs unless it ends in .png or .svg. */
final class ChartPathConverter implements CommandLine.ITypeConverter<Path> {
  @Override
  public Path convert(String value) {
    try {
      ChartFiles.formatOf(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
    return Path.of(value);
  }
}
