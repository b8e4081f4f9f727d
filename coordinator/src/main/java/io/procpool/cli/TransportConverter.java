package io.procpool.cli;

import io.procpool.pool.Transport;
import picocli.CommandLine;

/** Parses {@code pipe}, {@code unix}, {@code tcp} or {@code shm}; anything else is a usage error naming it. */
final class TransportConverter implements CommandLine.ITypeConverter<Transport> {
  @Override
  public Transport convert(String value) {
    try {
      return Transport.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
