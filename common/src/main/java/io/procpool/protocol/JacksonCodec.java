package io.procpool.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@link JacksonMessageReader} and {@link JacksonMessageWriter}: the codec procpool started
 * with, kept to show what a general-purpose JSON library costs on the same pipe.
 */
final class JacksonCodec implements Codec {
  @Override
  public String name() {
    return "jackson";
  }

  @Override
  public MessageInput input(InputStream in, int maxLineBytes, long pollNanos) {
    return new JacksonMessageReader(in, maxLineBytes, pollNanos);
  }

  @Override
  public MessageOutput output(OutputStream out) throws IOException {
    return new JacksonMessageWriter(out);
  }

  @Override
  public String toString() {
    return name();
  }
}
