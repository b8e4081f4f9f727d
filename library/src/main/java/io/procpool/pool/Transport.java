package io.procpool.pool;

import java.util.Locale;

/** What carries the JSON messages between the pool and a worker process. */
public enum Transport {
  /** The worker's stdin and stdout: the default, and what foreign workers speak. */
  PIPE,
  /**
   * Two single-producer single-consumer rings in a memory-mapped file under {@code /dev/shm}
   * (docs/protocol.md); the worker is told the file's path on its command line.
   */
  SHM;

  /** The name on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a command-line name, naming the choices when it is none of them. */
  public static Transport parse(String name) {
    for (Transport transport : values()) {
      if (transport.cliName().equals(name)) {
        return transport;
      }
    }
    throw new IllegalArgumentException("unknown transport '" + name + "' (expected pipe or shm)");
  }
}
