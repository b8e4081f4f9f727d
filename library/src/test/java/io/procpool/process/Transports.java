package io.procpool.process;

import io.procpool.pool.Transport;
import java.util.stream.Stream;

/** The transports every transport test runs on; a new transport joins them here, in one line. */
final class Transports {
  private Transports() {}

  static Stream<Transport> all() {
    return Stream.of(Transport.PIPE, Transport.UNIX, Transport.TCP, Transport.SHM);
  }

  /** Those a worker reaches by connecting, which an intruder could try too. */
  static Stream<Transport> connecting() {
    // shm: nobody connects; the worker's file is owner-only and named on its command line.
    return all().filter(transport -> transport != Transport.PIPE && transport != Transport.SHM);
  }
}
