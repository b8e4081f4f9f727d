package io.procpool.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 3m}, {@code 1h} or ISO-8601 {@code PT2S}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    Matcher matcher = SIMPLE.matcher(value.trim().toLowerCase());
    if (matcher.matches()) {
      double amount = Double.parseDouble(matcher.group(1));
      double millis = switch (matcher.group(2)) {
        case "ms" -> amount;
        case "s" -> amount * 1000;
        case "m" -> amount * 60_000;
        default -> amount * 3_600_000;
      };
      return Duration.ofNanos(Math.round(millis * 1_000_000));
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration; use e.g. 500ms, 2s, 1.5m or PT2S");
    }
  }
}
