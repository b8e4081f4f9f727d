package io.procpool.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@link MessageReader} and {@link MessageWriter}: parsed in place, written from cached bytes. */
final class ProcpoolCodec implements Codec {
  @Override
  public String name() {
    return "procpool";
  }

  @Override
  public MessageInput input(InputStream in, int maxLineBytes, long pollNanos) {
    return new MessageReader(in, maxLineBytes, pollNanos);
  }

  @Override
  public MessageOutput output(OutputStream out) throws IOException {
    return new MessageWriter(out);
  }

  @Override
  public String toString() {
    return name();
  }
}
