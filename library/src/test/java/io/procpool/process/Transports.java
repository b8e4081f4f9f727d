package io.procpool.process;

import io.procpool.pool.Transport;
import java.util.stream.Stream;

/** The transports every transport test runs on; a new transport joins them here, in one line. */
final class Transports {
  private Transports() {}

  static Stream<Transport> all() {
    return Stream.of(Transport.PIPE, Transport.UNIX, Transport.TCP);
  }

  /** Those a worker reaches by connecting, which an intruder could try too. */
  static Stream<Transport> connecting() {
    return all().filter(transport -> transport != Transport.PIPE);
  }
}
