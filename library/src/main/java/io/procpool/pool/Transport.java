package io.procpool.pool;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a process pool's messages travel between the coordinator and each worker. Every
 * transport carries the same JSON-line messages; see {@code docs/protocol.md} for the bytes.
 */
public enum Transport {
  /** The worker's stdin and stdout (the default, and what a foreign worker speaks). */
  PIPE,
  /** A Unix domain socket in an owner-only directory; the worker connects to it. */
  UNIX,
  /** A TCP socket bound to the loopback address only; the worker connects to it. */
  TCP,
  /** Shared-memory ring buffers (reserved for the {@code shm} transport). */
  SHM;

  /** The name used on the command line and in reports: {@code pipe}, {@code unix}, {@code tcp}, {@code shm}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The transport of that name.
   *
   * @throws IllegalArgumentException naming the value and the names there are
   */
  public static Transport parse(String name) {
    for (Transport transport : values()) {
      if (transport.label().equals(name)) {
        return transport;
      }
    }
    throw new IllegalArgumentException("unknown transport '" + name + "'; available: " + labels());
  }

  /** Every name, comma-separated, for messages. */
  public static String labels() {
    return Arrays.stream(values()).map(Transport::label).collect(Collectors.joining(", "));
  }
}
