package io.procpool.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * How messages become bytes and back. Every codec produces the same wire format (the tests
 * hold them to the same bytes), so a coordinator and a worker may each use either: the choice
 * is only what it costs, which is what {@code --codec} is there to show.
 */
public interface Codec {
  /** procpool's own hand-written codec: the default. */
  Codec PROCPOOL = new ProcpoolCodec();
  /** Jackson's streaming parser and generator, a general-purpose JSON library. */
  Codec JACKSON = new JacksonCodec();

  /** The name {@code --codec} takes. */
  String name();

  /**
   * @param maxLineBytes the longest line accepted
   * @param pollNanos how long to poll for more input before blocking in a read
   */
  MessageInput input(InputStream in, int maxLineBytes, long pollNanos);

  MessageOutput output(OutputStream out) throws IOException;

  /** Every codec, the default first. */
  static List<Codec> all() {
    return List.of(PROCPOOL, JACKSON);
  }

  /** The codec of this name; an {@link IllegalArgumentException} naming the choices otherwise. */
  static Codec named(String name) {
    for (Codec codec : all()) {
      if (codec.name().equals(name)) {
        return codec;
      }
    }
    throw new IllegalArgumentException("unknown codec '" + name + "'; choose procpool or jackson");
  }
}
