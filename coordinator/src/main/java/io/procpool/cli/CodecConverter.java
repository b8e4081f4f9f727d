package io.procpool.cli;

import io.procpool.protocol.Codec;
import picocli.CommandLine;

/** {@code --codec procpool|jackson}: a wrong name is a usage error naming the choices. */
final class CodecConverter implements CommandLine.ITypeConverter<Codec> {
  @Override
  public Codec convert(String value) {
    try {
      return Codec.named(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
